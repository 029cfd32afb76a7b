import { Readable } from 'node:stream';
import {
  webhookEndpoint,
  type ChannelAdapter,
  type HttpEndpoint,
  type InboundSink,
  type Metrics,
  type WebhookRequest,
} from '@tvox-connector/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** What {@link webhookRoutes} serves. */
export interface WebhookRoutesOptions {
  /** Where accepted activities go: the relay. */
  readonly sink: InboundSink;
  /** Each adapter's webhook is served at `/webhooks/<channel id>` (and below it). */
  readonly adapters: readonly ChannelAdapter[];
  /** Other framework-independent endpoints: the transport's push callback. */
  readonly endpoints: readonly HttpEndpoint[];
  readonly metrics: Metrics;
}

/**
 * A fastify plugin serving the channels' webhooks at `/webhooks/<channel id>` (through core's
 * inbound gate, its GET handshake too), their adapters' `routes` below it (answers streamed as
 * they come), and framework-independent endpoints such as the TVox push callback. Bodies reach
 * them as the exact bytes received, for their signature checks: within this plugin no body is
 * parsed, so it can be registered on an application's own fastify instance beside its routes.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  for (const endpoint of options.endpoints) {
    app.post(endpoint.path, (request, reply) => answer(endpoint, '/', request, reply));
  }
  for (const adapter of options.adapters) {
    const mount = `/webhooks/${adapter.channel}`;
    const handle = (request: FastifyRequest, reply: FastifyReply) => {
      const endpoint = webhookEndpoint(adapter, options.sink, mount, request.log, options.metrics);
      // The path below the mount, from the route's wildcard: right under any prefix the
      // application registered this plugin with.
      const rest = (request.params as { '*'?: string } | undefined)?.['*'];
      return answer(endpoint, rest === undefined ? '/' : `/${rest}`, request, reply);
    };
    app.post(mount, handle);
    app.post(`${mount}/*`, handle);
    // Some networks verify a webhook with a GET handshake.
    app.get(mount, handle);
    for (const route of adapter.routes ?? []) {
      app.route({
        method: route.method,
        url: `${mount}${route.path}`,
        handler: async (request, reply) => {
          const result = await route.handle(webhookRequest(request, route.path));
          const body = result.body;
          return reply
            .code(result.status)
            .headers(result.headers)
            .send(
              typeof body === 'string' || body instanceof Uint8Array ? body : Readable.from(body),
            );
        },
      });
    }
  }
};

async function answer(
  endpoint: HttpEndpoint,
  path: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const result = await endpoint.handle(webhookRequest(request, path));
  return reply.code(result.status).type(result.contentType).send(result.body);
}

/** The framework-independent view of a request, `path` being below the mount point. */
function webhookRequest(request: FastifyRequest, path: string): WebhookRequest {
  return {
    method: request.method,
    path,
    query: request.query as Record<string, string | undefined>,
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    ),
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}
