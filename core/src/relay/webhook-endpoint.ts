import { errorReply } from '../errors/error-reply.js';
import { PayloadTooLargeError } from '../errors/input-errors.js';
import type { HttpAnswer, HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { ChannelAdapter, InboundSink } from '../interfaces/channel-adapter.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import { InboundGate } from './inbound-gate.js';

function json(status: number, body: unknown): HttpAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** A 2xx answer: the adapter's own when it declares one, else a JSON `summary`. */
function answer(adapter: ChannelAdapter, summary: unknown): HttpAnswer {
  const own = adapter.webhookAnswer;
  return own === undefined
    ? json(200, summary)
    : { status: 200, contentType: own.contentType, body: own.body };
}

function refusal(error: unknown): HttpAnswer {
  const reply = errorReply(error);
  return json(reply.status, reply.body);
}

/**
 * An adapter's webhook as an endpoint, through core's inbound gate: `screen` checks its headers
 * before the body is read (the adapter's `verifyHeaders`, 401; the content type, 415); then verify
 * (401), parse (400); a body over the route's limit is refused unread (413, counted);
 * store durably, and only then answer 2xx. Unsupported content is answered 200 and counted; a
 * handshake gets the adapter's own answer; a failure to store is answered 5xx so the network
 * delivers again. Nothing of a refused request is stored.
 */
export function webhookEndpoint(
  adapter: ChannelAdapter,
  sink: InboundSink,
  path: string,
  logger: Logger,
  metrics: Metrics,
): HttpEndpoint {
  const gate = new InboundGate(adapter, sink, { logger, metrics });
  return {
    method: 'POST',
    path,
    async handle(request) {
      try {
        const outcome = await gate.admit(request);
        switch (outcome.kind) {
          case 'reply':
            return { status: outcome.status, contentType: outcome.contentType, body: outcome.body };
          case 'ignored':
            return answer(adapter, { ignored: outcome.reason });
          case 'accepted':
            return answer(adapter, { accepted: outcome.activities.length });
        }
      } catch (error) {
        return refusal(error);
      }
    },
    async oversize(request, limitBytes) {
      const declared = Number(request.headers['content-length'] ?? NaN);
      const error = new PayloadTooLargeError(
        limitBytes,
        Number.isFinite(declared) ? declared : undefined,
      );
      gate.reject(error);
      return refusal(error);
    },
    async screen(request) {
      try {
        await gate.screen(request);
        return undefined;
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
