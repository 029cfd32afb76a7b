import websocket from '@fastify/websocket';
import { ConfigError, ErrorCode, PayloadTooLargeError, isTvoxError } from '@tvox-connector/core';
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { answerError } from './answer-error.js';
import { allowOrigins } from './cors.js';
import { fileRoutes, type FileRouteDeps } from './file-routes.js';
import { staticRoutes } from './static-routes.js';
import { visitorRoutes, type VisitorRouteDeps } from './visitor-routes.js';

/** Largest WebSocket frame or JSON body: a message at the text limit with ten file references. */
export const MAX_FRAME_BYTES = 512 * 1024;

/** Servers whose WebSocket support one of our plugins registered. */
const websocketOwners = new WeakSet<object>();

/**
 * Makes sure the server handles WebSocket upgrades once. When the application registered
 * `@fastify/websocket` itself (on the root, before the channels) it is used; otherwise the first
 * web chat channel registers it. A second channel cannot: its upgrades would be handled twice.
 */
async function ensureWebsocket(app: FastifyInstance): Promise<void> {
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
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
}

/** The channel's HTTP and WebSocket routes, to register under `/channels/<id>`. */
export function webchatRoutes(
  deps: VisitorRouteDeps & FileRouteDeps & { readonly demo: boolean },
): FastifyPluginAsync {
  return async (app) => {
    await ensureWebsocket(app);
    allowOrigins(app, deps.settings.allowedOrigins);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: MAX_FRAME_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.setErrorHandler(async (error: FastifyError, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return answerError(reply, new PayloadTooLargeError(MAX_FRAME_BYTES));
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
