import { ErrorCode } from '../errors/error-code.js';
import { errorReply } from '../errors/error-reply.js';
import { UnexpectedError, asTvoxError } from '../errors/unexpected-error.js';
import {
  DEFAULT_WEBHOOK_CONTENT_TYPES,
  type AdmitOutcome,
  type ChannelAdapter,
  type InboundGateway,
  type InboundSink,
  type ParseResult,
  type SinkCursors,
  type WebhookHeaders,
  type WebhookRequest,
} from '../interfaces/channel-adapter.js';
import type { InboundActivity } from '../model/inbound.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import { requireContentType } from './request-content-type.js';

/** The `reason` label a refusal is counted under in `tvox_webhook_rejections_total`. */
const REJECTION_REASONS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.Signature]: 'signature',
  [ErrorCode.InvalidInput]: 'malformed',
  [ErrorCode.PayloadTooLarge]: 'too-large',
  [ErrorCode.UnsupportedMediaType]: 'unsupported-media-type',
  [ErrorCode.UnsupportedContentType]: 'unsupported-content-type',
  [ErrorCode.Unavailable]: 'unavailable',
  [ErrorCode.Store]: 'store',
};

/** What the gate logs and counts with. */
export interface GateObservers {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * The one way in for what a channel receives, however it comes (a webhook, a socket frame, a
 * long poll): verify → parse → accept durably into `sink` → count. A refused request is counted
 * by reason and logged once here, then thrown as the typed error its caller answers with
 * (`errorReply`); nothing of it is stored. Content the adapter does not relay is counted as
 * `ignored`.
 */
export class InboundGate implements InboundGateway {
  constructor(
    private readonly adapter: ChannelAdapter,
    private readonly sink: InboundSink,
    private readonly observers: GateObservers,
  ) {}

  get cursors(): SinkCursors | undefined {
    return this.sink.cursors;
  }

  /**
   * Checks a webhook on its headers alone, before its body is read: the adapter's
   * `verifyHeaders`, then a POST's content type against the adapter's `webhookContentTypes`.
   * Throws the typed error (counted) when refused.
   */
  async screen(request: WebhookHeaders): Promise<void> {
    try {
      await this.adapter.verifyHeaders?.(request);
      if (request.method === 'POST')
        requireContentType(
          request,
          this.adapter.webhookContentTypes ?? DEFAULT_WEBHOOK_CONTENT_TYPES,
        );
    } catch (error) {
      throw this.refused(error);
    }
  }

  async admit(request: WebhookRequest): Promise<AdmitOutcome> {
    let parsed: ParseResult;
    try {
      await this.adapter.verify(request);
      parsed = await this.adapter.parse(request);
    } catch (error) {
      throw this.refused(error);
    }
    return this.admitParsed(parsed);
  }

  async admitParsed(parsed: ParseResult): Promise<AdmitOutcome> {
    const channel = this.adapter.channel;
    // An adapter in plain JavaScript may hand anything back: refused as its bug, counted.
    const kind = (parsed as Partial<ParseResult> | null | undefined)?.kind;
    switch (kind) {
      case 'reply':
        return parsed as Extract<ParseResult, { kind: 'reply' }>;
      case 'ignored':
        this.observers.metrics.increment('tvox_webhook_rejections_total', {
          channel,
          reason: 'ignored',
        });
        this.observers.logger.debug({ channel, parsed }, 'content ignored');
        return parsed as Extract<ParseResult, { kind: 'ignored' }>;
      case 'activities': {
        const { activities } = parsed as Extract<ParseResult, { kind: 'activities' }>;
        try {
          await this.sink.accept(activities);
        } catch (error) {
          throw this.refused(error);
        }
        return { kind: 'accepted', activities };
      }
      default:
        throw this.refused(
          new UnexpectedError(new TypeError(`the ${channel} adapter's parse gave ${String(kind)}`)),
        );
    }
  }

  /**
   * Stores what the adapter read itself. A failure to store is the adapter's to retry (its
   * receiving loop backs off and says so once): neither counted nor logged here at every try.
   */
  async accept(activities: readonly InboundActivity[]): Promise<void> {
    await this.sink.accept(activities);
  }

  reject(error: unknown): void {
    this.refused(error);
  }

  /** Counts and logs a refusal; the typed error to answer it with. */
  private refused(error: unknown): Error {
    const known = asTvoxError(error);
    const channel = this.adapter.channel;
    const reason = REJECTION_REASONS[known.code] ?? 'error';
    this.observers.metrics.increment('tvox_webhook_rejections_total', { channel, reason });
    // The sender's fault (a bad signature, a malformed body) is counted for alerts; at warn it
    // would let anyone flood the log. Ours (5xx) is a warning.
    const status = errorReply(known).status;
    const fields = { channel, err: error, status };
    if (status >= 500) this.observers.logger.warn(fields, 'inbound refused');
    else this.observers.logger.info(fields, 'inbound refused');
    return known;
  }
}
