import type { CallbackAuth } from '../config/connector-config.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { ReadEvents } from '../profile/read-events.js';
import type { HttpAnswer, HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { WebhookHeaders, WebhookRequest } from '../interfaces/channel-adapter.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  EventCursor,
  EventHandler,
  EventSubscription,
  Transport,
} from '../interfaces/transport.js';
import { requireContentType } from '../relay/request-content-type.js';
import { noopMetrics } from '../runtime/noop-metrics.js';
import { verifyCallbackAuth } from './callback-auth.js';
import { catchUpEvents } from './event-catch-up.js';

/** How a push's answer is worded, per technology. */
export type PushOutcome =
  'accepted' | 'invalid' | 'tooLarge' | 'unsupportedMediaType' | 'unauthorized' | 'unavailable';

/** The technology-specific half of a push callback: reading the body and writing answers. */
export interface PushCodec {
  /** The media types this technology's pushes come as (`text/xml` for SOAP 1.1). */
  readonly contentTypes: readonly string[];
  /** Reads the raw body into the push's content (the SOAP wrapper's children, the JSON object). */
  decode(rawBody: Buffer): unknown;
  /** Writes the answer for an outcome. */
  answer(outcome: PushOutcome, message: string): HttpAnswer;
}

const STATUS: Readonly<Record<PushOutcome, number>> = {
  accepted: 200,
  invalid: 400,
  tooLarge: 413,
  unsupportedMediaType: 415,
  unauthorized: 401,
  unavailable: 503,
};

/** The HTTP status for a push outcome: 200, 400, 413, 415, 401, or 503 (TVox retries). */
export function pushStatus(outcome: PushOutcome): number {
  return STATUS[outcome];
}

/** A push read by the contract profile: who it is for, and its events. */
export interface PushedEvents extends ReadEvents {
  /** The connector code the push names, when the release sends one. */
  readonly connectorCode?: string;
}

/**
 * Reads a decoded push with the contract profile; `undefined` while the transport has not bound
 * its profile yet. Throws (an `InvalidInputError`) when the push is not one.
 */
export type PushReader = (content: unknown) => PushedEvents | undefined;

/** What a {@link PushReceiver} works with besides its codec and reader. */
export interface PushReceiverDeps {
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /**
   * Where a push too large to read is caught up from by polling: the transport, when the bound
   * profile has `pollEvents` and `ackEvents` (read at each such push); `undefined` otherwise.
   */
  readonly poller?: () => Pick<Transport, 'pollEvents' | 'ackEvents'> | undefined;
}

/**
 * Receives TVox's pushes on the connector's callback: checks the content type and what of the
 * authentication travels in headers before the body is read, then reads and validates it, hands
 * the events to the subscribed handler, and answers success only once the handler resolved (the
 * events are durably stored). Anything else is answered so that TVox keeps the events: 401 bad
 * credentials, 415 another content type, 400 malformed, 503 while nobody is subscribed or the
 * handler failed. A push larger than the server reads is refused unread (413), and, where the
 * profile also polls, what TVox holds is caught up by polling from the acknowledged cursor, so
 * that the stream moves on past it (see {@link PushReceiver.oversize}).
 */
export class PushReceiver {
  private handler: EventHandler | undefined;
  private cursor: EventCursor | undefined;
  /** The catch-up running, shared by oversize pushes arriving meanwhile (TVox's retries). */
  private catchingUp: Promise<boolean> | undefined;
  private readonly logger: Logger;
  private readonly metrics: Metrics;

  constructor(
    private readonly auth: CallbackAuth,
    private readonly connectorCode: string,
    private readonly codec: PushCodec,
    private readonly read: PushReader,
    private readonly deps: PushReceiverDeps,
  ) {
    this.logger = deps.logger;
    this.metrics = deps.metrics ?? noopMetrics;
  }

  /**
   * Starts handing pushed events to `handler`; one subscription at a time. `cursor` is where a
   * catch-up by polling starts and saves what it acknowledged.
   */
  subscribe(handler: EventHandler, cursor?: EventCursor): EventSubscription {
    this.handler = handler;
    this.cursor = cursor;
    return {
      close: async () => {
        if (this.handler === handler) this.handler = undefined;
      },
    };
  }

  /** The callback as an endpoint to mount at `path`. */
  endpoint(path: string): HttpEndpoint {
    return {
      method: 'POST',
      path,
      handle: (request) => this.handle(request),
      screen: (request) => Promise.resolve(this.screen(request)),
      oversize: (request, limitBytes) => this.oversize(request, limitBytes),
    };
  }

  /**
   * The refusals decided on headers alone: credentials (all of Basic, an HMAC's presence), type.
   * An HMAC is checked with the body, so an oversize push signed with one cannot be verified: the
   * catch-up it starts only reads from TVox, one at a time.
   */
  private screen(request: WebhookHeaders): HttpAnswer | undefined {
    try {
      if (this.auth.kind === 'basic')
        verifyCallbackAuth(this.auth, request.headers, Buffer.alloc(0));
      else if (request.headers[this.auth.header.toLowerCase()] === undefined)
        verifyCallbackAuth(this.auth, request.headers, Buffer.alloc(0));
    } catch (error) {
      return this.unauthorized(error);
    }
    try {
      requireContentType(request, this.codec.contentTypes);
    } catch (error) {
      return this.codec.answer('unsupportedMediaType', (error as Error).message);
    }
    return undefined;
  }

  /**
   * A push larger than `limitBytes`, left unread. It is refused (413), so TVox keeps its events;
   * where the profile also polls, the connector first fetches what TVox holds by polling from
   * its acknowledged cursor in bounded pages, stores and acknowledges it, so that TVox's next
   * push starts after those events and the stream goes on. Each one is logged and counted in
   * `tvox_push_oversize_total` by outcome: `caught-up`, `catch-up-failed` (TVox pushes it again,
   * and the catch-up is tried again), `refused` (no polling: raise the callback's limit).
   */
  private async oversize(request: WebhookHeaders, limitBytes: number): Promise<HttpAnswer> {
    const declared = Number(request.headers['content-length'] ?? NaN);
    const size = Number.isFinite(declared) ? declared : undefined;
    const poller = this.deps.poller?.();
    const handler = this.handler;
    const refusal = `a push is limited to ${limitBytes} bytes (server.callbackBodyLimitBytes)`;
    if (handler === undefined)
      return this.codec.answer('unavailable', 'the connector is not receiving events yet');
    if (poller === undefined) {
      this.metrics.increment('tvox_push_oversize_total', { outcome: 'refused' });
      this.logger.error(
        { sizeBytes: size, limitBytes },
        'a TVox push larger than server.callbackBodyLimitBytes was refused, and the profile ' +
          'cannot poll to catch up: TVox keeps its events; raise the limit',
      );
      return this.codec.answer('tooLarge', refusal);
    }
    this.catchingUp ??= this.catchUp(poller, handler, size, limitBytes).finally(() => {
      this.catchingUp = undefined;
    });
    const caughtUp = await this.catchingUp;
    return this.codec.answer(
      'tooLarge',
      caughtUp ? `${refusal}; its events were fetched by polling` : refusal,
    );
  }

  private async catchUp(
    poller: Pick<Transport, 'pollEvents' | 'ackEvents'>,
    handler: EventHandler,
    size: number | undefined,
    limitBytes: number,
  ): Promise<boolean> {
    try {
      const caught = await catchUpEvents(poller, handler, this.cursor, this.logger);
      this.metrics.increment('tvox_push_oversize_total', { outcome: 'caught-up' });
      this.logger.warn(
        { sizeBytes: size, limitBytes, ...caught },
        'a TVox push larger than server.callbackBodyLimitBytes was refused unread; its events ' +
          'were fetched by polling instead',
      );
      return true;
    } catch (error) {
      this.metrics.increment('tvox_push_oversize_total', { outcome: 'catch-up-failed' });
      this.logger.error(
        { err: error, sizeBytes: size, limitBytes },
        'a TVox push larger than server.callbackBodyLimitBytes was refused unread and polling ' +
          'its events failed; TVox keeps them and pushes again',
      );
      return false;
    }
  }

  private unauthorized(error: unknown): HttpAnswer {
    this.logger.warn({ err: error }, 'TVox callback refused: bad credentials');
    return this.codec.answer('unauthorized', isTvoxError(error) ? error.message : 'unauthorized');
  }

  private async handle(request: WebhookRequest): Promise<HttpAnswer> {
    const screened = this.screen(request);
    if (screened !== undefined) return screened;
    try {
      verifyCallbackAuth(this.auth, request.headers, request.rawBody);
    } catch (error) {
      return this.unauthorized(error);
    }
    let decoded: unknown;
    try {
      decoded = this.codec.decode(request.rawBody);
    } catch (error) {
      return this.codec.answer('invalid', `unreadable body: ${(error as Error).message}`);
    }
    let pushed: PushedEvents | undefined;
    try {
      pushed = this.read(decoded);
    } catch (error) {
      return this.codec.answer('invalid', `invalid push: ${(error as Error).message}`);
    }
    if (pushed !== undefined && pushed.events.length + pushed.unreadable.length === 0)
      return this.codec.answer('invalid', 'a push carries at least one event');
    const handler = this.handler;
    if (!handler || !pushed)
      return this.codec.answer('unavailable', 'the connector is not receiving events yet');
    if (pushed.connectorCode !== undefined && pushed.connectorCode !== this.connectorCode) {
      return this.codec.answer(
        'invalid',
        `events for connector ${pushed.connectorCode}, not this one`,
      );
    }
    try {
      await handler(pushed.events, pushed.unreadable);
      return this.codec.answer('accepted', 'ok');
    } catch (error) {
      this.logger.error(
        { err: error },
        'handling pushed TVox events failed; TVox will push them again',
      );
      return this.codec.answer('unavailable', 'events could not be stored; push again later');
    }
  }
}
