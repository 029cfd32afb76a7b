import { Readable } from 'node:stream';
import {
  PayloadTooLargeError,
  errorReply,
  webhookEndpoint,
  type ChannelAdapter,
  type HttpAnswer,
  type HttpEndpoint,
  type InboundSink,
  type Metrics,
  type WebhookHeaders,
  type WebhookRequest,
} from '@tvox-connector/core';
import type {
  FastifyError,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  RouteShorthandOptions,
} from 'fastify';
import type { RouteLimits } from './route-limits.js';

/** What {@link webhookRoutes} serves. */
export interface WebhookRoutesOptions {
  /** Where accepted activities go: the relay. */
  readonly sink: InboundSink;
  /** Each adapter's webhook is served at `/webhooks/<channel id>` (and below it). */
  readonly adapters: readonly ChannelAdapter[];
  /** Other framework-independent endpoints: the transport's push callback. */
  readonly endpoints: readonly HttpEndpoint[];
  readonly metrics: Metrics;
  /** The webhooks' and the callback's body limits; the instance's `bodyLimit` for both without. */
  readonly limits?: Pick<RouteLimits, 'webhookBytes' | 'callbackBytes'>;
}

/**
 * A fastify plugin serving the channels' webhooks at `/webhooks/<channel id>` (through core's
 * inbound gate, its GET handshake too), their adapters' `routes` below it (answers streamed as
 * they come), and framework-independent endpoints such as the TVox push callback. Each request is
 * screened on its headers before its body is read (the adapter's `verifyHeaders`, the content
 * type: 401, 415, and the connection closed); a body over its route's limit is never read (413,
 * or the endpoint's `oversize` answer). Bodies reach them as the exact bytes received, for their
 * signature checks: within this plugin no body is parsed, so it can be registered on an
 * application's own fastify instance beside its routes.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  const limits = options.limits;
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const oversize = request.routeOptions.config.tvoxOversize;
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || oversize === undefined) throw error;
    return send(reply.header('connection', 'close'), await oversize(request));
  });
  for (const endpoint of options.endpoints) {
    app.post(
      endpoint.path,
      guarded(() => endpoint, limits?.callbackBytes),
      (request, reply) => answer(endpoint, '/', request, reply),
    );
  }
  for (const adapter of options.adapters) {
    const mount = `/webhooks/${adapter.channel}`;
    const endpointFor = (request: FastifyRequest) =>
      webhookEndpoint(adapter, options.sink, mount, request.log, options.metrics);
    const handle = (request: FastifyRequest, reply: FastifyReply) =>
      answer(endpointFor(request), pathBelow(request), request, reply);
    app.post(mount, guarded(endpointFor, limits?.webhookBytes), handle);
    app.post(`${mount}/*`, guarded(endpointFor, limits?.webhookBytes), handle);
    // Some networks verify a webhook with a GET handshake.
    app.get(mount, guarded(endpointFor, undefined), handle);
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

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A webhook's or endpoint's answer to a body over its route's limit (never read). */
    readonly tvoxOversize?: (request: FastifyRequest) => Promise<HttpAnswer>;
  }
}

/**
 * A route's options that screen the request on its headers as soon as they arrive (`onRequest`,
 * before any body is read), bound its body by `bodyLimit`, and answer one over it unread, in the
 * endpoint's words (its `oversize`) or as a 413.
 */
function guarded(
  endpointOf: (request: FastifyRequest) => HttpEndpoint,
  bodyLimit: number | undefined,
): RouteShorthandOptions {
  const config = {
    tvoxOversize: async (request: FastifyRequest) => {
      const limit = bodyLimit ?? request.routeOptions.bodyLimit;
      const headers = headersOf(request, pathBelow(request));
      const answered = await endpointOf(request).oversize?.(headers, limit);
      return answered ?? tooLarge(limit, headers.headers);
    },
  };
  return {
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    config,
    onRequest: async (request, reply) => {
      const refused = await endpointOf(request).screen?.(headersOf(request, pathBelow(request)));
      // The body is left unread: the connection cannot carry another request after it.
      if (refused !== undefined) await send(reply.header('connection', 'close'), refused);
    },
  };
}

/** The 413 of an endpoint that words none itself. */
function tooLarge(limit: number, headers: WebhookHeaders['headers']): HttpAnswer {
  const declared = Number(headers['content-length'] ?? NaN);
  const { status, body } = errorReply(
    new PayloadTooLargeError(limit, Number.isFinite(declared) ? declared : undefined),
  );
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** The path below the mount, from the route's wildcard: right under any prefix registered with. */
function pathBelow(request: FastifyRequest): string {
  const rest = (request.params as { '*'?: string } | undefined)?.['*'];
  return rest === undefined ? '/' : `/${rest}`;
}

async function answer(
  endpoint: HttpEndpoint,
  path: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return send(reply, await endpoint.handle(webhookRequest(request, path)));
}

function send(reply: FastifyReply, answer: HttpAnswer): FastifyReply {
  return reply.code(answer.status).type(answer.contentType).send(answer.body);
}

/** The framework-independent view of a request's headers, `path` being below the mount point. */
function headersOf(request: FastifyRequest, path: string): WebhookHeaders {
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
  };
}

/** The framework-independent view of a request, `path` being below the mount point. */
function webhookRequest(request: FastifyRequest, path: string): WebhookRequest {
  return {
    ...headersOf(request, path),
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}
