import rateLimit from '@fastify/rate-limit';
import {
  InvalidInputError,
  RateLimitedError,
  type Clock,
  type MessageQuery,
  type MessageRecord,
  type WebhookRequest,
} from '@tvox-connector/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answerError } from './answer-error.js';
import { identifyVisitor } from '../identity/identify-visitor.js';
import type { VisitorTokens } from '../identity/visitor-token.js';
import { historyFrames } from '../socket/history.js';
import { serveVisitorSocket, type SocketDeps } from '../socket/serve-visitor-socket.js';
import type { WebchatSettings } from '../webchat-settings.js';
import { originAllowed } from './cors.js';

/** What the visitor routes work with. */
export interface VisitorRouteDeps extends SocketDeps {
  readonly settings: WebchatSettings;
  readonly tokens: VisitorTokens;
  readonly ledger: { messages(query: MessageQuery): Promise<MessageRecord[]> };
  readonly clock: Clock;
  /** The WebSocket URL the widget connects to. */
  readonly socketUrl: string;
}

/** A fastify request as the adapter's verify and parse take it. */
function webhookRequest(request: FastifyRequest): WebhookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    method: request.method,
    path: request.url,
    query: request.query as Record<string, string | undefined>,
    headers,
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}

/** The JSON body, undefined when empty; throws `InvalidInputError` when it is not JSON. */
function jsonBody(request: FastifyRequest): unknown {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) return undefined;
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError('request body', [{ path: '', message: 'not JSON' }], {
      cause: error,
    });
  }
}

/** Whether a `POST /visitor` keeps the visitor of a valid token (rather than starting one). */
function keepsVisitor(request: FastifyRequest, tokens: VisitorTokens): boolean {
  let body: unknown;
  try {
    body = jsonBody(request);
  } catch {
    return false;
  }
  const token = (body as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string') return false;
  try {
    tokens.open(token);
    return true;
  } catch {
    return false;
  }
}

/**
 * `POST /visitor` (start: token and identity), `GET /ws` (the widget's socket), and the HTTP
 * fallback for pages where WebSocket is blocked: `POST /messages` (a frame, as on the socket) and
 * `GET /messages?after=` (what the socket would replay). Starting new visitors is limited per
 * client address (`request.ip`, right behind a proxy once the server trusts it).
 */
export async function visitorRoutes(app: FastifyInstance, deps: VisitorRouteDeps): Promise<void> {
  // The server may have registered it for every route; its per-route settings work the same.
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  const newVisitors = deps.settings.limits.newVisitorsPerAddress;
  const visitorLimit = {
    max: newVisitors.max,
    timeWindow: newVisitors.windowSeconds * 1000,
    // After the body is read, so that a returning visitor's token can be told apart.
    hook: 'preHandler' as const,
    allowList: (request: FastifyRequest) => keepsVisitor(request, deps.tokens),
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      new RateLimitedError('new visitors from this address', context.ttl),
  };
  app.post('/visitor', { config: { rateLimit: visitorLimit } }, async (request, reply) => {
    try {
      const { visitor, token } = identifyVisitor(
        jsonBody(request),
        deps.tokens,
        deps.settings,
        deps.clock,
      );
      return await reply.send({
        token,
        visitorId: visitor.id,
        socketUrl: deps.socketUrl,
        heartbeatSeconds: deps.settings.heartbeatSeconds,
        limits: {
          maxTextLength: deps.settings.maxTextLength,
          maxFileBytes: deps.settings.attachments.maxBytes,
          fileTypes: deps.settings.attachments.contentTypes,
        },
        ...(visitor.identity?.name === undefined ? {} : { name: visitor.identity.name }),
      });
    } catch (error) {
      return answerError(reply, error);
    }
  });

  app.get('/ws', { websocket: true }, (socket, request) => {
    if (!originAllowed(deps.settings.allowedOrigins, request.headers.origin)) {
      socket.close(4403, 'origin not allowed');
      return;
    }
    serveVisitorSocket(socket, deps);
  });

  app.post('/messages', async (request, reply) => {
    try {
      const activities = await deps.adapter.receive(webhookRequest(request));
      const acked = activities.flatMap((a) => (a.kind === 'message' ? [a.networkMessageId] : []));
      return await reply.send({ accepted: activities.length, acked });
    } catch (error) {
      return answerError(reply, error);
    }
  });

  app.get<{ Querystring: { after?: string } }>('/messages', async (request, reply) => {
    try {
      const visitor = deps.adapter.visitorOf(webhookRequest(request));
      const records = await deps.ledger.messages({
        conversation: { channel: deps.adapter.channel, id: visitor.id },
        limit: deps.settings.historyLimit,
      });
      return await reply.send({ messages: historyFrames(records, request.query.after) });
    } catch (error) {
      return answerError(reply, error);
    }
  });
}
