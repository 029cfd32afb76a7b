import type { TvoxEvent } from '../contract/events.js';
import type { SessionState } from '../lifecycle/session-lifecycle.js';
import type { LiveStatus } from '../lifecycle/transition-table.js';
import type { ConversationKey } from '../model/conversation.js';
import type { UnreadableEvent } from '../profile/read-events.js';

/**
 * DI token for {@link Store}: a registered symbol, the same in every copy of core that
 * adapter packages may bring.
 */
export const Store = Symbol.for('@tvox-connector/core.Store');

/** `inbound`: customer → TVox. `outbound`: TVox → customer. */
export type Direction = 'inbound' | 'outbound';

/**
 * A message's place in the ledger. `accepted` (durably stored) → `sent` (the destination took
 * it) → `delivered` → `read` (when the network reports it), or `failed` with a reason.
 *
 * A customer's message in a routing-mode session never goes to TVox: `sent` means its session is
 * open in TVox and the message waits for the agent's desk; `delivered` will mean that a desk the
 * agent is authorized on acknowledged it, and `read` that the agent viewed it.
 */
export type MessageState = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** Why something failed, as recorded in the ledger and the dead-letter list. */
export interface Failure {
  /** A `TVOX_ERR_*` code, or the network's code. */
  readonly code: string;
  readonly message: string;
}

/** One message of the ledger, in either direction. */
export interface MessageRecord {
  /** Ledger id; also the idempotency key sent to the destination. */
  readonly id: string;
  readonly direction: Direction;
  readonly conversation: ConversationKey;
  /** The key of the session it belongs to ({@link SessionRecord.sessionKey}), once known. */
  readonly sessionKey?: string;
  /** Ids the network gave the message (inbound: its own id; outbound: what `send` returned). */
  readonly networkMessageIds: readonly string[];
  readonly state: MessageState;
  readonly failure?: Failure;
  /**
   * The message as accepted (an `InboundMessage` or an `OutboundMessage`), JSON-serialisable;
   * undefined once `relay.messagePayloadRetentionDays` cleared it.
   */
  readonly payload: unknown;
  /** Epoch milliseconds. */
  readonly acceptedAt: number;
  readonly updatedAt: number;
}

/** A change to a ledger row, applied with the job that caused it. */
export interface MessageUpdate {
  readonly id: string;
  readonly state: MessageState;
  readonly sessionKey?: string;
  readonly networkMessageIds?: readonly string[];
  readonly failure?: Failure;
}

/**
 * What a job does when a worker runs it, every kind in the order `outboxStats` reports them:
 * - `deliverInbound`: send a customer message to TVox (opening a session first if needed)
 * - `applyEvent`: apply a TVox event (status change, agent message, typing)
 * - `deliverOutbound`: send a message to the customer through the adapter
 */
export const JOB_KINDS = ['deliverInbound', 'applyEvent', 'deliverOutbound'] as const;
/** One of {@link JOB_KINDS}. */
export type JobKind = (typeof JOB_KINDS)[number];

/** A unit of durable work to enqueue. */
export interface NewJob {
  readonly kind: JobKind;
  /**
   * The ordering lane: jobs of one lane run one at a time, in enqueue order (or `order`), and a
   * job waiting to be retried holds back the rest of its lane. Typically the direction plus the
   * conversation key; different lanes run in parallel.
   */
  readonly lane: string;
  /**
   * Position within the lane when enqueue order is not the order to run in (TVox events that
   * arrived out of sequence): a lane runs its jobs by ascending `order`, then enqueue order. A
   * job enqueued with a lower `order` than its lane's head takes the head's place, unless a worker
   * holds the head (a job in hand is never overtaken; the newcomer runs right after it). Jobs of
   * one lane either all give an `order` or none do.
   */
  readonly order?: number;
  /** The ledger message the job delivers, if any. */
  readonly messageId?: string;
  /** What the worker needs, JSON-serialisable. */
  readonly payload: unknown;
  /** Not to run before this epoch-millisecond time. */
  readonly notBefore?: number;
}

/** A job as stored and claimed. */
export interface Job extends NewJob {
  /** Store-assigned id, increasing in enqueue order. */
  readonly id: string;
  /** Attempts already made (0 for a fresh job): failures of the job itself, not of TVox. */
  readonly attempts: number;
  readonly enqueuedAt: number;
  /**
   * When the job first failed, counted or postponed (epoch ms); absent while it never has. A
   * job's age limit runs from it, so time spent waiting behind other jobs of its lane is not
   * held against it, while a job that never gets through still ends in the dead letters.
   */
  readonly failingSince?: number;
  /** The worker holding it and until when (epoch ms); another worker may take it after that. */
  readonly leaseOwner: string;
  readonly leaseUntil: number;
  /**
   * How many times the job was claimed, this claim included: the fencing token of this claim.
   * An outcome or renewal is taken only from the latest claim, so a worker whose lease was taken
   * over changes nothing, while one whose lease ran out unnoticed by others still may.
   */
  readonly claimNumber: number;
  /**
   * The previous claim ended with no outcome recorded: its worker stopped, or lost its lease,
   * while it held the job. Whether that attempt reached its destination is unknown.
   */
  readonly interrupted: boolean;
}

/** The fields of a {@link Job} that belong to one claim of it. */
export type LeaseField = 'leaseOwner' | 'leaseUntil' | 'claimNumber' | 'interrupted';

/** A job as stored, without a claim: a dead letter's. */
export type UnleasedJob = Omit<Job, LeaseField>;

/**
 * A session the connector opened, with the lifecycle's view of it. It is stored before TVox is
 * asked to open it ("opening": no `tvoxSessionId` yet) and completed with TVox's answer.
 */
export interface SessionRecord {
  /**
   * The connector's own key of the session: unique in the store and never reused. It is the id
   * the connector proposes to TVox for the session (`SessionIds`), so where TVox keeps the
   * proposed id (a routing popup's `…/desk/sessions/{id}`) it names the session already while it
   * is opening.
   */
  readonly sessionKey: string;
  /**
   * TVox's id of the session, once `openSession` answered (the proposed id, or another one TVox
   * chose). Not unique over time: TVox may give it again after a restart.
   */
  readonly tvoxSessionId?: string;
  readonly conversation: ConversationKey;
  readonly serviceCode: string;
  readonly state: SessionState;
  /**
   * The newest TVox event sequence recorded when the session was stored (0 when none): an event
   * not newer than it was issued before the session existed, so it is not this session's.
   */
  readonly openedAfterSequence: number;
  /**
   * When the connector stored TVox's id (with `tvoxSessionId`): of the sessions TVox gave one id
   * over time, the one that got it last is the one TVox means now.
   */
  readonly tvoxIdAt?: number;
  /**
   * While the session is opening: when the latest `openSession` call for it started, if TVox's
   * answer to that call is not known (in flight, or lost with the connection). TVox may have given
   * the session an id the connector has not stored yet. Cleared once TVox answers, either way.
   */
  readonly unansweredCallAt?: number;
  readonly openedAt: number;
  readonly updatedAt: number;
}

/**
 * A session to store before TVox is asked to open it; the store sets the rest (its first call
 * starts at `openedAt`).
 */
export type OpeningSession = Omit<
  SessionRecord,
  'tvoxSessionId' | 'openedAfterSequence' | 'tvoxIdAt' | 'unansweredCallAt'
>;

/** The sessions a TVox event may be about, as {@link Store.findEventSessions} reads them. */
export interface EventSessions {
  /**
   * The session still opening whose key is the event's session id (TVox keeps the id the
   * connector proposes, and answered it, but the answer is not stored yet), and every session
   * TVox's answers gave that id: the ones not CLOSED first, then the latest given first.
   */
  readonly named: readonly SessionRecord[];
  /** Sessions opening with an `openSession` call whose answer is not known, oldest first. */
  readonly unanswered: readonly SessionRecord[];
}

/**
 * Everything a finished job changes, committed atomically with the job's removal: either all of
 * it is stored, or none of it and the job stays claimable. Running the same job twice (its lease
 * expired mid-way) must be harmless, so new messages are deduplicated on their id as in
 * {@link Store.accept}.
 */
export interface JobEffects {
  readonly messages?: readonly MessageUpdate[];
  /**
   * Sessions to insert or replace, by key. A CLOSED session stays CLOSED, and a state of an older
   * status sequence does not replace a newer one: a record prepared from an older read cannot
   * undo either. TVox's id and the unanswered call of a stored session are set by
   * {@link Store.recordOpenAnswer} and {@link Store.markOpenCall} only.
   */
  readonly sessions?: readonly SessionRecord[];
  /** New ledger messages with their delivery jobs (an agent's message, a notice); a known id adds nothing. */
  readonly accept?: readonly AcceptEntry[];
}

/** A message to add to the ledger in state `accepted`. */
export type NewMessage = Omit<MessageRecord, 'state' | 'failure' | 'updatedAt'>;

/** A message to accept together with the job that delivers it. */
export interface AcceptEntry {
  readonly message: NewMessage;
  readonly job: NewJob;
}

/**
 * A TVox event to record together with the `applyEvent` job that applies it. The relay places the
 * job: in the lane of the event's session, with the event's sequence as its `order` (so that a
 * lane runs its events in sequence order, however they arrived), held until a `notBefore` while an
 * earlier event pushed late may still come.
 */
export interface EventEntry {
  readonly event: TvoxEvent;
  readonly job: NewJob;
}

/** What {@link Store.recordEvents} recorded. */
export interface RecordedEvents {
  /** The events that were new, in the order of the entries. */
  readonly recorded: TvoxEvent[];
  /**
   * Of those, the ones whose sequence was recorded before with another event only: TVox started
   * its event stream again (its state reset) and gives sequences again. They are recorded and
   * applied like the others; the relay logs and counts them.
   */
  readonly restarted: TvoxEvent[];
}

/** The outcome of accepting one entry: stored now, or already stored earlier (a duplicate). */
export type AcceptOutcome = 'accepted' | 'duplicate';

/** What a worker asks for when it looks for work. */
export interface ClaimRequest {
  /** A name unique to this worker (instance id + worker number). */
  readonly owner: string;
  /** How long the claim holds without being completed or renewed. */
  readonly leaseMs: number;
  /** Most jobs to return, each from a different lane. */
  readonly limit: number;
  /** Only jobs of these kinds (all kinds when absent). */
  readonly kinds?: readonly JobKind[];
}

/** Filters for reading the ledger; every filter given must match. */
export interface MessageQuery {
  readonly conversation?: ConversationKey;
  readonly sessionKey?: string;
  readonly direction?: Direction;
  readonly state?: MessageState;
  /** Most rows to return, newest first. */
  readonly limit?: number;
}

/**
 * A job that failed for good, kept so that an operator can inspect and replay it. A TVox event
 * that could not be read is kept as an `applyEvent` job whose payload is an
 * {@link UnreadEventPayload}.
 */
export interface DeadLetter {
  readonly job: UnleasedJob;
  readonly failure: Failure;
  readonly failedAt: number;
}

/**
 * The payload of the `applyEvent` job of a TVox event the profile could not read: the event as it
 * arrived, read again when the job runs (after a replay).
 */
export interface UnreadEventPayload {
  readonly unread: UnreadableEvent;
}

/** How many sessions are in one live status, for metrics. */
export interface SessionCount {
  readonly status: LiveStatus;
  readonly count: number;
}

/** Outbox depth per job kind, for metrics and `/readyz`. */
export interface OutboxStats {
  readonly kind: JobKind;
  readonly depth: number;
  /** Age of the oldest waiting job in milliseconds; 0 when empty. */
  readonly oldestAgeMs: number;
}

/**
 * Durable state of the connector: the ledger, the outbox, sessions, the event dedupe window and
 * cursors. Implemented by `@tvox-connector/store-sqlite` (embedded) and
 * `@tvox-connector/store-postgres` (shared by several instances).
 *
 * Times are epoch milliseconds from the store's `Clock` (a dependency of each implementation), so
 * tests can move time to expire leases and back-offs.
 *
 * Guarantees every implementation gives (the store conformance suite checks them):
 * - every method is atomic: it commits entirely or not at all, and rejects with `StoreError`;
 * - a resolved promise means the change is durable (survives `kill -9` of the process);
 * - one lane is worked by one worker at a time, in enqueue order; different lanes in parallel;
 * - a lease that expires makes its job claimable again (at-least-once; idempotency keys make the
 *   repeat harmless downstream), and the new claim says whether the previous one was
 *   `interrupted`;
 * - methods taking a `Job` act only for the job's latest claim (its `claimNumber`), and
 *   otherwise resolve `false` without changing anything: the job was taken over after its lease
 *   expired. A claim whose lease expired while nobody took the job over still acts.
 */
export interface Store {
  /** Creates or upgrades the schema; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /**
   * Opens the store for reads only, in place of `migrate()`, for commands that only look
   * (listing messages or dead letters): nothing is written, not even a schema, so it works on a
   * read-only folder or with a read-only database user. A schema behind this release's is refused
   * with a non-retryable `StoreError` telling to start the connector once. Writes then fail.
   * Optional: without it, such commands migrate.
   */
  openReadOnly?(): Promise<void>;
  /** Waits for in-flight operations and closes connections. */
  close(): Promise<void>;

  /**
   * Stores each message with its delivery job, deduplicated on the message id: an id already in
   * the ledger is a `duplicate` and enqueues nothing. Implementations batch concurrent calls into
   * one commit where they can. Outcomes are in the order of `entries`.
   */
  accept(entries: readonly AcceptEntry[]): Promise<AcceptOutcome[]>;

  /**
   * Adds jobs that deliver no ledger message (a session status TVox reported, to apply) to their
   * lanes, in one commit. Nothing dedupes them: their handlers must be harmless when repeated.
   */
  enqueue(jobs: readonly NewJob[]): Promise<void>;

  /**
   * Records TVox events once each, deduplicated on their sequence and key (`eventKey`: the
   * epoch, session and time), each with the job it is given: an event recorded before, or earlier
   * in the same call, is not new and enqueues nothing; one under a sequence recorded before with
   * other events only is new (TVox's stream started again). A sequence recorded before events had
   * keys matches any event. The job is enqueued as it is, so the `order` the relay gives it (the
   * event's sequence) orders it in its lane.
   */
  recordEvents(entries: readonly EventEntry[]): Promise<RecordedEvents>;

  /**
   * Deletes up to `limit` recorded event sequences recorded before `before` (epoch ms); resolves
   * with how many. Events delivered again after that are recorded again: the retention must be
   * longer than TVox ever delivers an event again. Safe to run on several instances at once.
   */
  pruneRecordedEvents(before: number, limit: number): Promise<number>;

  /**
   * Clears the payload (text, attachments) of up to `limit` messages done with (`sent`,
   * `delivered`, `read`, `failed`) whose last change was before `before` (epoch ms); resolves
   * with how many. The rows stay, with their state and ids; their `payload` is undefined after.
   * Safe to run on several instances at once.
   */
  clearMessagePayloads(before: number, limit: number): Promise<number>;

  /**
   * Sets TVox events the profile could not read aside as dead letters, raw payload included:
   * each one an `applyEvent` job with an {@link UnreadEventPayload}, failed with the reason, in
   * the lane `lanes.unreadableEvents`. Each is kept once, deduplicated on its sequence, or on its
   * raw payload when it has none (TVox delivers again what was not acknowledged). Resolves with
   * how many were new.
   */
  setAsideEvents(events: readonly UnreadableEvent[]): Promise<number>;

  /** Claims the head job of up to `limit` ready lanes that no other worker holds. */
  claim(request: ClaimRequest): Promise<Job[]>;
  /** Extends the lease of jobs still being worked on. */
  renew(jobs: readonly Job[], leaseMs: number): Promise<boolean>;
  /** Removes a finished job and applies its effects, atomically. */
  complete(job: Job, effects?: JobEffects): Promise<boolean>;
  /** Releases the job to run again not before `notBefore`, counting one more attempt. */
  retry(job: Job, notBefore: number, failure: Failure, effects?: JobEffects): Promise<boolean>;
  /**
   * Releases the job to run again not before `notBefore` without counting an attempt: what
   * failed was TVox itself (unreachable, failing, refusing the credentials), not this job.
   */
  postpone(job: Job, notBefore: number, failure: Failure, effects?: JobEffects): Promise<boolean>;
  /** Moves the job to the dead-letter list, marks its message failed, and frees its lane. */
  deadLetter(job: Job, failure: Failure, effects?: JobEffects): Promise<boolean>;

  /** Dead letters, oldest first. */
  listDeadLetters(limit?: number): Promise<DeadLetter[]>;
  /**
   * Puts a dead-lettered job back in the outbox as a new job (a new id, attempts 0): at the end of
   * its lane, or at its `order`; its message, if it has one, is `accepted` again.
   */
  replayDeadLetter(jobId: string): Promise<boolean>;

  /**
   * Stores a session before TVox is asked to open it, with `openedAfterSequence` the newest event
   * sequence recorded so far, after storing `closing` (the conversation's session TVox no longer
   * has, CLOSED) in the same commit. A conversation has at most one session not CLOSED, and a key
   * names one session forever: when the conversation has another session not CLOSED, or the key
   * is taken, nothing is stored and that session is the answer. Resolves with the session stored
   * or found. A session stored has its first `openSession` call unanswered from `openedAt`.
   */
  beginSession(opening: OpeningSession, closing?: SessionRecord): Promise<SessionRecord>;
  /**
   * Notes that an `openSession` call for a session still opening starts at `at`
   * ({@link SessionRecord.unansweredCallAt}), unless an earlier call's answer is not known either
   * (that one may still have given TVox's id); a session that has its TVox id, or is CLOSED, is
   * left as it is.
   */
  markOpenCall(sessionKey: string, at: number): Promise<void>;
  /** Notes that TVox answered a session's `openSession` call without an id (it refused). */
  clearOpenCall(sessionKey: string): Promise<void>;
  /**
   * Stores TVox's answer to a session's `openSession` call, at once and in one commit: its
   * `tvoxSessionId` (unless one is stored already) with `tvoxIdAt` = `at`, no call unanswered any
   * more, and `replaced`: the sessions TVox gave that id before, closed (as job effects store
   * sessions). Only those columns change: state applied by events meanwhile stays. Resolves with
   * the session as stored.
   */
  recordOpenAnswer(
    answer: { readonly sessionKey: string; readonly tvoxSessionId: string; readonly at: number },
    replaced: readonly SessionRecord[],
  ): Promise<SessionRecord>;
  /** The session of a conversation that is not CLOSED (opening or open), if any. */
  findOpenSession(conversation: ConversationKey): Promise<SessionRecord | undefined>;
  /** A session by its key. */
  getSession(sessionKey: string): Promise<SessionRecord | undefined>;
  /**
   * Up to `limit` sessions TVox answered for (they have a `tvoxSessionId`) that are not CLOSED,
   * by ascending key, after the key `after` when given: a page of the sessions to follow.
   */
  listOpenSessions(after: string | undefined, limit: number): Promise<SessionRecord[]>;
  /**
   * The sessions an event naming `sessionId` may be about, in one read (see {@link EventSessions}):
   * TVox may have given the id to several sessions over time, and to one whose answer is not
   * stored yet.
   */
  findEventSessions(sessionId: string): Promise<EventSessions>;

  /** A ledger message by id. */
  getMessage(id: string): Promise<MessageRecord | undefined>;
  /** Ledger messages matching `query`, newest first. */
  listMessages(query: MessageQuery): Promise<MessageRecord[]>;
  /** Applies delivery or read receipts to outbound messages identified by network ids. */
  applyReceipts(
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
    state: 'delivered' | 'read',
  ): Promise<number>;

  /** A named cursor (event sequence, a network's poll offset), or undefined if never set. */
  getCursor(name: string): Promise<string | undefined>;
  /** Sets a named cursor. */
  setCursor(name: string, value: string): Promise<void>;
  /**
   * Sets a named cursor only when it has no value yet, atomically, and resolves with the value it
   * holds then: the first writer's, whichever instance that was (a key every instance shares).
   */
  claimCursor(name: string, value: string): Promise<string>;

  /** Outbox depth and age per job kind. */
  outboxStats(): Promise<OutboxStats[]>;
  /** Sessions not CLOSED, counted by status; statuses without sessions are left out. */
  openSessionCounts(): Promise<SessionCount[]>;

  /**
   * Leadership of a task only one instance may run at a time (polling TVox's event stream):
   * takes the lease `name` for `owner` until `now + ttlMs` when it is free, expired or already
   * `owner`'s (then it is renewed), and resolves whether `owner` holds it. Time comes from the
   * store's `Clock`. A store that only one process uses may leave it out: its instance always
   * leads.
   */
  tryLead?(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease `name` up if `owner` holds it, so that another instance may lead at once. */
  resign?(name: string, owner: string): Promise<void>;
  /**
   * Calls `listener` whenever any instance sharing the store enqueued work, so that idle workers
   * claim it without waiting for their next look; resolves nothing and never throws. Returns the
   * function that stops the calls. Optional: without it workers look again every idle period.
   */
  onWork?(listener: () => void): () => void;
}
