import type { FastifyInstance } from 'fastify';

/** Whether a page of `origin` may use the channel. */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  return origin === undefined || allowed.includes('*') || allowed.includes(origin);
}

/**
 * Lets the widget, embedded in pages of the allowed origins, call the channel: the visitor token
 * travels in a header, never in a cookie, so no credentials mode is needed.
 */
export function allowOrigins(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !originAllowed(allowed, origin)) return;
    reply.header('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    reply.header('vary', 'origin');
  });
  app.options('/*', async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type, x-file-name')
      .header('access-control-max-age', '600')
      .send(),
  );
}
