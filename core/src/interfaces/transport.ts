import type { SessionStatus } from '../contract/enums.js';
import type { TvoxEvent } from '../contract/events.js';
import type { SessionStatusAnswer } from '../profile/answers.js';
import type { ConnectorCommand } from '../profile/command-catalogue.js';
import type {
  AckEventsRequest,
  CloseSessionRequest,
  OpenSessionRequest,
  PollEventsRequest,
  SendMessageRequest,
  SessionStatusRequest,
} from '../profile/command-requests.js';
import type { IntegrationMode } from '../profile/compiled-profile.js';
import type { UnreadableEvent } from '../profile/read-events.js';
import type { HttpEndpoint } from './callback-endpoint.js';

/**
 * DI token for {@link Transport}: a registered symbol, the same in every copy of core that
 * adapter packages may bring.
 */
export const Transport = Symbol.for('@tvox-connector/core.Transport');

/**
 * How TVox's events reach the connector (the configuration's `events.mode`): TVox pushes them to
 * the connector's callback, where batches may arrive out of sequence and every instance receives
 * some, or one connector instance polls them, in sequence.
 */
export type EventMode = 'push' | 'poll';

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call; it then fails with a retryable `TransportCallError` of kind `timeout`. */
  readonly signal?: AbortSignal;
}

/** The answer to a successful `openSession`. */
export interface OpenedSession {
  /** TVox's id for the session: the one it answered, or the one the connector chose. */
  readonly sessionId: string;
  /** The status TVox answered with, if the release says. */
  readonly status?: SessionStatus;
  /** The address-book contact TVox matched or created, if the release says. */
  readonly contactId?: string;
}

/** The answer to a successful `pollEvents`. */
export interface EventBatch {
  /** Events after the requested sequence, in sequence order; empty when there are none. */
  readonly events: readonly TvoxEvent[];
  /** The highest sequence TVox has issued to this connector. */
  readonly lastSequence: number;
  /** Events that could not be read, set aside so that the others flow. */
  readonly unreadable: readonly UnreadableEvent[];
}

/**
 * Receives events from TVox. The transport acknowledges a batch (answers the push 2xx, or calls
 * `ackEvents`) only after the returned promise resolves, so a handler must resolve only once the
 * events are durably stored. When it rejects, the batch is not acknowledged and TVox delivers it
 * again.
 */
export type EventHandler = (
  events: readonly TvoxEvent[],
  unreadable: readonly UnreadableEvent[],
) => Promise<void>;

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
  /**
   * Where polling starts and each acknowledged sequence is saved: with poll, always; with push,
   * when a push too large to read is caught up by polling.
   */
  readonly cursor?: EventCursor;
}

/** TVox's health as the latest call to it told it. */
export interface TvoxHealth {
  /** False after a failure of TVox itself: unreachable, 5xx, refusing the credentials. */
  readonly up: boolean;
  /** Since when it has been so (epoch ms). */
  readonly since: number;
  /** Why it is down. */
  readonly detail?: string;
}

/** A running event subscription. */
export interface EventSubscription {
  /** Stops receiving; resolves once no handler call is in flight. */
  close(): Promise<void>;
}

/**
 * The connector's link to TVox: the connector commands, bound to one TVox release by its contract
 * profile, and the event stream. Implemented by `@tvox-connector/transport-soap` and
 * `@tvox-connector/transport-rest`; the rest of the system cannot tell them apart.
 *
 * Errors: a `FAILED` answer becomes a `RemoteRejectedError` (or a subclass) whose meaning, and
 * so whether it is retried, the profile gives; no answer (time-out, connection error, 5xx,
 * unreadable reply) becomes a retryable `TransportCallError`; a command the release has no
 * operation for throws `OperationUnavailableError`.
 */
export interface Transport {
  /** `soap`, `rest`, or the name of a third-party transport. */
  readonly kind: string;

  /** How this transport receives events, as configured. */
  readonly eventMode: EventMode;

  /**
   * In push mode, the callback TVox calls (SOAP `notifyEvents`, or REST `POST {callback}/events`):
   * the connector's HTTP server mounts it. Absent in poll mode.
   */
  readonly callback?: HttpEndpoint;

  /**
   * Loads the contract profile and TVox's description (WSDL/WADL), binds every command to it,
   * checks that TVox accepts the connector's credentials where the release has a call that can
   * tell harmlessly, and gets ready. Fails with `ContractMismatchError` listing every gap,
   * `ConfigError` for a bad profile, a `TransportCallError` with HTTP status 401 for refused
   * credentials, or a retryable `TransportCallError` when TVox cannot be reached.
   */
  start(): Promise<void>;

  /**
   * TVox's health as the latest call (a command, a poll) told it, for readiness and `tvox_up`.
   * A transport without it is taken as up while its calls succeed.
   */
  health?(): TvoxHealth;

  /** Closes the event subscription and keep-alive connections. */
  stop(): Promise<void>;

  /** The commands this TVox release has an operation for (known once `start()` resolved). */
  readonly operations: ReadonlySet<ConnectorCommand>;

  /** The mode the bound operations allow: `relay` carries messages, `routing` sessions only. */
  readonly mode: IntegrationMode;

  /** Opens a session routed to `session.serviceCode`, idempotent on the ids the request carries. */
  openSession(request: OpenSessionRequest, options?: CallOptions): Promise<OpenedSession>;

  /** Sends a customer message to the session. Idempotent on `message.id`. */
  sendMessage(request: SendMessageRequest, options?: CallOptions): Promise<void>;

  /** Closes the session from the connector side. */
  closeSession(request: CloseSessionRequest, options?: CallOptions): Promise<void>;

  /** Asks TVox where the session stands; `UNKNOW` when TVox does not know it. */
  getSessionStatus(
    request: SessionStatusRequest,
    options?: CallOptions,
  ): Promise<SessionStatusAnswer>;

  /**
   * Reads one event element as it arrived (an `UnreadableEvent`'s `raw`) with the contract profile
   * bound now, for the events of the configured mode: the event, or why it still cannot be read.
   * Optional: a transport without it cannot replay events set aside as unreadable.
   */
  readEvent?(raw: unknown): TvoxEvent | UnreadableEvent;

  /** Reads events after `poll.afterSequence` without acknowledging them. */
  pollEvents(request: PollEventsRequest, options?: CallOptions): Promise<EventBatch>;

  /** Acknowledges every event up to `ack.upToSequence`; TVox will not deliver them again. */
  ackEvents(request: AckEventsRequest, options?: CallOptions): Promise<void>;

  /**
   * Starts delivering events to `handler`, by push (TVox calls {@link Transport.callback}) or by
   * poll, as configured. Within one subscription the handler sees each sequence once and each
   * batch in sequence order (TVox's re-deliveries are dropped, see `dedupeEvents`); across
   * restarts delivery is at least once, so the store dedupes on `sequence` too. Batches may
   * arrive out of order across pushes. At most one subscription is active at a time.
   */
  subscribe(handler: EventHandler, options?: SubscribeOptions): Promise<EventSubscription>;
}
