import type { FastifyInstance, FastifyRequest } from 'fastify';

/** `scheme://host:port` as the caller addressed this server: descriptions point back at it. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

/** Serves `GET ?_wadl` with the WADL `publish` gives for the caller's address, as CXF does. */
export function serveWadl(app: FastifyInstance, publish: (baseUrl: string) => string): void {
  app.get('/', async (request, reply) => {
    if (!('_wadl' in (request.query as Record<string, unknown>))) return reply.code(404).send();
    return reply.type('application/xml').send(publish(baseUrlOf(request)));
  });
}
