import type {
  AckEventsInput,
  CloseSessionInput,
  GetSessionStatusInput,
  OpenSessionInput,
  PollEventsInput,
  SendMessageInput,
} from '../contract/commands.js';
import type { SessionStatus } from '../contract/enums.js';
import type { TvoxEvent } from '../contract/events.js';
import type { HttpEndpoint } from './callback-endpoint.js';

/** DI token for {@link Transport}. */
export const Transport = Symbol('Transport');

/** A command's input as core passes it: the transport adds its configured `connectorCode`. */
export type CommandRequest<T extends { readonly connectorCode: string }> = Omit<T, 'connectorCode'>;

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call; it then fails with a retryable `TransportCallError` of kind `timeout`. */
  readonly signal?: AbortSignal;
}

/** The answer to a successful `openSession`. */
export interface OpenedSession {
  readonly sessionId: string;
  readonly status: SessionStatus;
}

/** The answer to a successful `pollEvents`. */
export interface EventBatch {
  /** Events after the requested sequence, in sequence order; empty when there are none. */
  readonly events: readonly TvoxEvent[];
  /** The highest sequence TVox has issued to this connector. */
  readonly lastSequence: number;
}

/**
 * Receives events from TVox. The transport acknowledges a batch (answers the push 2xx, or calls
 * `ackEvents`) only after the returned promise resolves, so a handler must resolve only once the
 * events are durably stored. When it rejects, the batch is not acknowledged and TVox delivers it
 * again.
 */
export type EventHandler = (events: readonly TvoxEvent[]) => Promise<void>;

/**
 * Where a poll subscription keeps its position in TVox's event stream (the last acknowledged
 * sequence), so that after a restart, or on another instance taking over the polling, it resumes
 * there. Typically a named cursor of the `Store`.
 */
export interface EventCursor {
  /** The last acknowledged sequence, or undefined when none was saved. */
  load(): Promise<number | undefined>;
  /** Saves the last acknowledged sequence. */
  save(sequence: number): Promise<void>;
}

/** Options of {@link Transport.subscribe}. */
export interface SubscribeOptions {
  /** With poll: where to start, and where each acknowledged sequence is saved. Push ignores it. */
  readonly cursor?: EventCursor;
}

/** A running event subscription. */
export interface EventSubscription {
  /** Stops receiving; resolves once no handler call is in flight. */
  close(): Promise<void>;
}

/**
 * The connector's link to TVox: the six contract commands, and the event stream. Implemented by
 * `@tvox-connector/transport-soap` and `@tvox-connector/transport-rest`; the rest of the system
 * cannot tell them apart.
 *
 * Errors: `result: FAILED` becomes a `RemoteRejectedError` (or `UnknownSessionError`), retryable
 * only for `UNAVAILABLE`; no answer (time-out, connection error, 5xx, unreadable reply) becomes a
 * retryable `TransportCallError`. Commands are safe to retry: `openSession` is idempotent on
 * `requestId`, `sendMessage` on `message.messageId`, `closeSession` and `ackEvents` by nature.
 */
export interface Transport {
  /** `soap`, `rest`, or the name of a third-party transport. */
  readonly kind: string;

  /**
   * In push mode, the callback TVox calls (SOAP `notifyEvents`, or REST `POST {callback}/events`):
   * the connector's HTTP server mounts it. Absent in poll mode.
   */
  readonly callback?: HttpEndpoint;

  /**
   * Loads TVox's description (WSDL/WADL), checks the operation map against it and gets ready.
   * Fails with `ContractMismatchError` listing every gap, or `TransportCallError` when TVox
   * cannot be reached.
   */
  start(): Promise<void>;

  /** Closes the event subscription and keep-alive connections. */
  stop(): Promise<void>;

  /** Opens a session routed to `serviceCode`. Idempotent on `requestId`. */
  openSession(
    request: CommandRequest<OpenSessionInput>,
    options?: CallOptions,
  ): Promise<OpenedSession>;

  /** Sends a customer message to the session. Idempotent on `message.messageId`. */
  sendMessage(request: CommandRequest<SendMessageInput>, options?: CallOptions): Promise<void>;

  /** Closes the session from the connector side. */
  closeSession(request: CommandRequest<CloseSessionInput>, options?: CallOptions): Promise<void>;

  /** Asks TVox for the session's status; `UNKNOW` when TVox does not know it. */
  getSessionStatus(
    request: CommandRequest<GetSessionStatusInput>,
    options?: CallOptions,
  ): Promise<SessionStatus>;

  /** Reads events after `afterSequence` without acknowledging them. */
  pollEvents(request: CommandRequest<PollEventsInput>, options?: CallOptions): Promise<EventBatch>;

  /** Acknowledges every event up to `upToSequence`; TVox will not deliver them again. */
  ackEvents(request: CommandRequest<AckEventsInput>, options?: CallOptions): Promise<void>;

  /**
   * Starts delivering events to `handler`, by push (TVox calls {@link Transport.callback}) or by
   * poll, as configured. Within one subscription the handler sees each sequence once and each
   * batch in sequence order (TVox's re-deliveries are dropped, see `dedupeEvents`); across
   * restarts delivery is at least once, so the store dedupes on `sequence` too. Batches may
   * arrive out of order across pushes. At most one subscription is active at a time.
   */
  subscribe(handler: EventHandler, options?: SubscribeOptions): Promise<EventSubscription>;
}
