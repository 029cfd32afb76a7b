import type { ConversationKey } from '../model/conversation.js';
import type {
  DeadLetter,
  Failure,
  Job,
  MessageUpdate,
  NewJob,
  NewMessage,
  OpeningSession,
  SessionRecord,
} from '../interfaces/store.js';
import type { JobRow } from './job-row.js';
import type { Awaitable } from './procedure.js';
import type { UnreadableEventLetter } from './unreadable-event.js';

/** The ledger's writes. */
export interface LedgerTable {
  /** Adds `message` in state `accepted`; false (and nothing written) when its id is known. */
  insert(message: NewMessage, now: number): Awaitable<boolean>;
  /** Applies `update` to a known message; an unknown id changes nothing. */
  update(update: MessageUpdate, now: number): Awaitable<void>;
}

/** The outbox's writes on the jobs a caller holds or adds. */
export interface OutboxTable {
  /** Adds `job` to its lane: at the end, or by its `order`. */
  enqueue(job: NewJob, now: number): Awaitable<void>;
  /**
   * Removes `job` if its caller holds its latest claim, handing its lane to the next job; the
   * removed row, or undefined (and nothing changed) when the lease was lost.
   */
  take(job: Job, now: number): Awaitable<JobRow | undefined>;
  /**
   * Frees a held job for another attempt not before `notBefore`, in its place in the lane, one
   * more attempt counted when `counted`; false (and nothing changed) when the lease was lost.
   */
  retry(
    job: Job,
    notBefore: number,
    failure: Failure,
    now: number,
    counted: boolean,
  ): Awaitable<boolean>;
}

/** The dead letters' writes. */
export interface DeadLetterTable {
  /** Keeps the job of `row` with `failure`; the attempt that just failed counts. */
  add(row: JobRow, failure: Failure, now: number): Awaitable<void>;
  /** Keeps an unreadable TVox event, unless one of the same `eventKey` is kept; false then. */
  setAside(letter: UnreadableEventLetter, now: number): Awaitable<boolean>;
  /** Removes and returns the dead letter of `jobId`, if there is one. */
  take(jobId: string): Awaitable<DeadLetter | undefined>;
}

/** The sessions' writes, and the reads that answer them. */
export interface SessionTable {
  /** Inserts `record`, or updates the session of its key (see `SessionStatements.upsert`). */
  put(record: SessionRecord): Awaitable<void>;
  /** Inserts `opening` unless its key is taken or its conversation has a session not CLOSED. */
  insertOpening(opening: OpeningSession): Awaitable<void>;
  /** Stores TVox's id for a session, given at `at` (see `SessionStatements.recordAnswer`). */
  recordAnswer(sessionKey: string, tvoxSessionId: string, at: number): Awaitable<void>;
  get(sessionKey: string): Awaitable<SessionRecord | undefined>;
  /** The session of `conversation` that is not CLOSED (there is at most one). */
  findOpen(conversation: ConversationKey): Awaitable<SessionRecord | undefined>;
  /** See `SessionStatements.forgetStreamPosition`. */
  forgetStreamPosition(fromSequence: number): Awaitable<void>;
}

/** An event as the event log keeps it: its sequence and its key (`eventKey`). */
export interface EventLogEntry {
  readonly sequence: number;
  readonly key: string;
}

/** The TVox events recorded, by sequence and key: the durable dedupe of events. */
export interface EventLogTable {
  /** The keys recorded under each of `sequences` that has any (`LEGACY_EVENT_KEY` for old rows). */
  keysOf(sequences: readonly number[]): Awaitable<ReadonlyMap<number, readonly string[]>>;
  /**
   * Records `entries`; the ones that were not recorded before, each named
   * `` `${sequence}\n${key}` `` (another instance may have recorded one meanwhile).
   */
  record(entries: readonly EventLogEntry[], now: number): Awaitable<ReadonlySet<string>>;
  /** Deletes up to `limit` entries recorded before `before`; how many it deleted. */
  prune(before: number, limit: number): Awaitable<number>;
}

/**
 * What a SQL store's tables offer the store kit's procedures, inside the transaction of one
 * operation: each store writes the SQL of its dialect behind it, synchronous or not (see
 * `Procedure`), and the kit writes once what the operations do with it.
 */
export interface StoreTables {
  readonly ledger: LedgerTable;
  readonly outbox: OutboxTable;
  readonly deadLetters: DeadLetterTable;
  readonly sessions: SessionTable;
  readonly events: EventLogTable;
}
