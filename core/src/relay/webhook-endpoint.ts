import { InvalidInputError, PayloadTooLargeError, SignatureError } from '../errors/input-errors.js';
import { StoreError, UnavailableError } from '../errors/store-error.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { HttpAnswer, HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { ChannelAdapter, InboundSink } from '../interfaces/channel-adapter.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';

function json(status: number, body: unknown): HttpAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** The status a failure is answered with, and the rejection reason counted for it. */
function classify(error: unknown): { status: number; reason: string } {
  if (error instanceof SignatureError) return { status: 401, reason: 'signature' };
  if (error instanceof InvalidInputError) return { status: 400, reason: 'malformed' };
  if (error instanceof PayloadTooLargeError) return { status: 413, reason: 'too-large' };
  if (error instanceof UnavailableError) return { status: 503, reason: 'unavailable' };
  if (error instanceof StoreError) return { status: 503, reason: 'store' };
  return { status: 500, reason: 'error' };
}

/**
 * An adapter's webhook as an endpoint: verify (401), parse (400), store durably, and only then
 * answer 2xx. Unsupported content is answered 200 and counted; a handshake gets the adapter's
 * own answer; a failure to store is answered 5xx so the network delivers again. Nothing of a
 * refused request is stored.
 */
export function webhookEndpoint(
  adapter: ChannelAdapter,
  sink: InboundSink,
  path: string,
  logger: Logger,
  metrics: Metrics,
): HttpEndpoint {
  const channel = adapter.channel;
  return {
    method: 'POST',
    path,
    async handle(request) {
      try {
        await adapter.verify(request);
        const parsed = await adapter.parse(request);
        switch (parsed.kind) {
          case 'reply':
            return { status: parsed.status, contentType: parsed.contentType, body: parsed.body };
          case 'ignored':
            metrics.increment('tvox_webhook_rejections_total', { channel, reason: 'ignored' });
            logger.debug({ channel, reason: parsed.reason }, 'webhook content ignored');
            return json(200, { ignored: parsed.reason });
          case 'activities':
            await sink.accept(parsed.activities);
            return json(200, { accepted: parsed.activities.length });
        }
      } catch (error) {
        const { status, reason } = classify(error);
        metrics.increment('tvox_webhook_rejections_total', { channel, reason });
        logger.warn({ channel, err: error, status }, 'webhook refused');
        return json(status, {
          error: {
            code: isTvoxError(error) ? error.code : 'TVOX_ERR_UNEXPECTED',
            message: status === 500 ? 'internal error' : (error as Error).message,
          },
        });
      }
    },
  };
}
