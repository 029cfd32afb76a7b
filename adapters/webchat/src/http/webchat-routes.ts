import websocket from '@fastify/websocket';
import { ConfigError, ErrorCode, PayloadTooLargeError, isTvoxError } from '@tvox-connector/core';
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { answerError } from './answer-error.js';
import { allowOrigins } from './cors.js';
import { fileRoutes, type FileRouteDeps } from './file-routes.js';
import { staticRoutes } from './static-routes.js';
import { visitorRoutes, type VisitorRouteDeps } from './visitor-routes.js';

/**
 * How many times the channel's `maxFrameBytes` the WebSocket server itself takes in one frame.
 * Above the server's limit `ws` closes the socket (1009) before the channel could answer; below
 * it the channel reads the frame and answers an error frame first. The margin bounds the memory
 * one frame can take while still telling a widget about a frame somewhat over the limit.
 */
export const WEBSOCKET_PAYLOAD_FACTOR = 4;

/** Servers whose WebSocket support one of our plugins registered. */
const websocketOwners = new WeakSet<object>();

/**
 * Makes sure the server handles WebSocket upgrades once. When the application registered
 * `@fastify/websocket` itself (on the root, before the channels) it is used; otherwise the first
 * web chat channel registers it. A second channel cannot: its upgrades would be handled twice.
 */
async function ensureWebsocket(app: FastifyInstance, maxFrameBytes: number): Promise<void> {
  if (app.hasDecorator('websocketServer')) return;
  if (websocketOwners.has(app.server))
    throw new ConfigError([
      {
        path: 'server',
        message:
          'several web chat channels share this server: register @fastify/websocket on the root instance before their routes',
      },
    ]);
  websocketOwners.add(app.server);
  await app.register(websocket, {
    options: { maxPayload: WEBSOCKET_PAYLOAD_FACTOR * maxFrameBytes },
  });
}

/** The channel's HTTP and WebSocket routes, to register under `/channels/<id>`. */
export function webchatRoutes(
  deps: VisitorRouteDeps & FileRouteDeps & { readonly demo: boolean },
): FastifyPluginAsync {
  const maxFrameBytes = deps.settings.maxFrameBytes;
  return async (app) => {
    await ensureWebsocket(app, maxFrameBytes);
    allowOrigins(app, deps.settings.allowedOrigins);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: maxFrameBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.setErrorHandler(async (error: FastifyError, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return answerError(reply, new PayloadTooLargeError(maxFrameBytes));
      // Ours, with their own status; fastify's own (a bad request line, say) keep theirs.
      if (isTvoxError(error)) return answerError(reply, error);
      const status =
        error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
      return reply.code(status).send({
        error: {
          code: status === 500 ? ErrorCode.Unexpected : error.code,
          message: status === 500 ? 'internal error' : error.message,
        },
      });
    });
    await app.register(staticRoutes, { demo: deps.demo });
    await app.register(async (visitor) => visitorRoutes(visitor, deps));
    await app.register(async (files) => fileRoutes(files, deps));
  };
}
