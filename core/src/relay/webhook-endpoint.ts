import { errorReply } from '../errors/error-reply.js';
import type { HttpAnswer, HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { ChannelAdapter, InboundSink } from '../interfaces/channel-adapter.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import { InboundGate } from './inbound-gate.js';

function json(status: number, body: unknown): HttpAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/**
 * An adapter's webhook as an endpoint, through core's inbound gate: verify (401), parse (400),
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
            return json(200, { ignored: outcome.reason });
          case 'accepted':
            return json(200, { accepted: outcome.activities.length });
        }
      } catch (error) {
        const reply = errorReply(error);
        return json(reply.status, reply.body);
      }
    },
  };
}
