import type { CallbackAuth } from '../config/connector-config.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { ReadEvents } from '../profile/read-events.js';
import type { HttpAnswer, HttpEndpoint } from '../interfaces/callback-endpoint.js';
import type { WebhookRequest } from '../interfaces/channel-adapter.js';
import type { Logger } from '../interfaces/logger.js';
import type { EventHandler, EventSubscription } from '../interfaces/transport.js';
import { verifyCallbackAuth } from './callback-auth.js';

/** How a push's answer is worded, per technology. */
export type PushOutcome = 'accepted' | 'invalid' | 'tooLarge' | 'unauthorized' | 'unavailable';

/** The technology-specific half of a push callback: reading the body and writing answers. */
export interface PushCodec {
  /** Reads the raw body into the push's content (the SOAP wrapper's children, the JSON object). */
  decode(rawBody: Buffer): unknown;
  /** Writes the answer for an outcome. */
  answer(outcome: PushOutcome, message: string): HttpAnswer;
}

const STATUS: Readonly<Record<PushOutcome, number>> = {
  accepted: 200,
  invalid: 400,
  tooLarge: 413,
  unauthorized: 401,
  unavailable: 503,
};

/** The HTTP status for a push outcome: 200, 400, 413, 401, or 503 (TVox retries). */
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

/** The default largest push body: 4 MiB holds a thousand events with room to spare. */
export const DEFAULT_MAX_PUSH_BYTES = 4 * 1024 * 1024;

/**
 * Receives TVox's pushes on the connector's callback: checks authentication before reading the
 * body, reads and validates it, hands the events to the subscribed handler, and answers success
 * only once the handler resolved (the events are durably stored). Anything else is answered so
 * that TVox keeps the events: 401 bad credentials, 400 malformed, 503 while nobody is subscribed
 * or the handler failed.
 */
export class PushReceiver {
  private handler: EventHandler | undefined;

  constructor(
    private readonly auth: CallbackAuth,
    private readonly connectorCode: string,
    private readonly codec: PushCodec,
    private readonly read: PushReader,
    private readonly logger: Logger,
    /** Largest body read; a larger push is answered 413 unread, whatever server mounts this. */
    private readonly maxBodyBytes = DEFAULT_MAX_PUSH_BYTES,
  ) {}

  /** Starts handing pushed events to `handler`; one subscription at a time. */
  subscribe(handler: EventHandler): EventSubscription {
    this.handler = handler;
    return {
      close: async () => {
        if (this.handler === handler) this.handler = undefined;
      },
    };
  }

  /** The callback as an endpoint to mount at `path`. */
  endpoint(path: string): HttpEndpoint {
    return { method: 'POST', path, handle: (request) => this.handle(request) };
  }

  private async handle(request: WebhookRequest): Promise<HttpAnswer> {
    if (request.rawBody.length > this.maxBodyBytes) {
      return this.codec.answer('tooLarge', `a push is limited to ${this.maxBodyBytes} bytes`);
    }
    try {
      verifyCallbackAuth(this.auth, request.headers, request.rawBody);
    } catch (error) {
      this.logger.warn({ err: error }, 'TVox callback refused: bad credentials');
      return this.codec.answer('unauthorized', isTvoxError(error) ? error.message : 'unauthorized');
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
