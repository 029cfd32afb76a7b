import { existsSync } from 'node:fs';
import {
  StoreGate,
  SystemClock,
  acceptEntries,
  beginSession,
  completeJob,
  enqueueJobs,
  deadLetterJob,
  recordEventEntries,
  recordOpenAnswer,
  replayDeadLetter,
  retryJob,
  runNow,
  setAsideEvents,
  silentLogger,
  type AcceptEntry,
  type AcceptOutcome,
  type ClaimRequest,
  type Clock,
  type ConversationKey,
  type DeadLetter,
  type EventEntry,
  type Failure,
  type Job,
  type JobEffects,
  type Logger,
  type MessageQuery,
  type MessageRecord,
  type NewJob,
  type EventSessions,
  type OpenAnswer,
  type OpeningSession,
  type OutboxStats,
  type SessionCount,
  type SessionRecord,
  type Store,
  type StoreDeps,
  type RecordedEvents,
  type UnreadableEvent,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { assertMigrated, migrate } from './database/migrate.js';
import { MEMORY_PATH, openDatabase, openReadOnlyDatabase } from './database/open-database.js';
import { isRetryableSqliteError, toStoreError } from './database/sqlite-errors.js';
import { GroupCommit, type Settled } from './group-commit.js';
import {
  resolveSqliteStoreConfig,
  type ResolvedSqliteStoreConfig,
  type SqliteStoreConfig,
} from './sqlite-store-config.js';
import { Tables } from './tables/tables.js';

/** What the SQLite store works with besides its configuration. */
export type SqliteStoreDeps = StoreDeps;

/** The methods that write; each call is one {@link Write}. */
export type WriteOperation =
  | 'accept'
  | 'enqueue'
  | 'recordEvents'
  | 'setAsideEvents'
  | 'beginSession'
  | 'markOpenCall'
  | 'clearOpenCall'
  | 'recordOpenAnswer'
  | 'claim'
  | 'renew'
  | 'complete'
  | 'retry'
  | 'postpone'
  | 'deadLetter'
  | 'replayDeadLetter'
  | 'applyReceipts'
  | 'setCursor'
  | 'claimCursor'
  | 'pruneRecordedEvents'
  | 'clearMessagePayloads';

/** Calls of a write method committed so far and the transactions that carried them. */
export interface CommitStats {
  readonly calls: number;
  readonly commits: number;
}

/** One call of a write method, waiting for its group commit. */
interface Write {
  readonly operation: WriteOperation;
  /** The time of the call: leases are judged, and rows stamped, as of then. */
  readonly now: number;
  readonly body: (tables: Tables, now: number) => unknown;
}

interface OpenDatabase {
  readonly tables: Tables;
  /** Runs a batch of writes in one IMMEDIATE transaction. */
  readonly commit: (writes: readonly Write[]) => Settled<unknown>[];
}

/**
 * Core's `Store` on an embedded SQLite database (better-sqlite3): one process writes, in
 * write-ahead-log mode. Every write is group-committed: the calls made in one event-loop turn
 * (accepts, claims, job outcomes, renewals, ...) share one IMMEDIATE transaction, committed — and
 * fsynced with `synchronous: FULL` — before their promises resolve, each call in its own savepoint
 * so that it takes effect entirely or not at all, on its own. `migrate()` opens the database and
 * must be called first; `close()` waits for the writes already called.
 */
export class SqliteStore implements Store {
  private readonly config: ResolvedSqliteStoreConfig;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly writes: GroupCommit<Write, unknown>;
  /** Takes no new work once `close()` was called; writes already called are still committed. */
  private readonly gate = new StoreGate<OpenDatabase>();
  private db: Database.Database | undefined;
  /** The open database, until `close()` has committed the writes called before it. */
  private database: OpenDatabase | undefined;

  /** Throws `ConfigError` for an invalid `config`; opens nothing until `migrate()`. */
  constructor(config: SqliteStoreConfig, deps: SqliteStoreDeps = {}) {
    this.config = resolveSqliteStoreConfig(config);
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ store: 'sqlite' });
    this.writes = new GroupCommit(
      (batch) => this.commitWrites(batch),
      (write) => write.operation,
    );
  }

  /** `accept` calls committed so far and the transactions that carried them. */
  get acceptStats(): CommitStats {
    return this.commitStats('accept');
  }

  /**
   * Calls of `operation` committed so far and the transactions that carried at least one of them;
   * without `operation`, every write call and every transaction. `calls / commits` is the mean
   * batch size.
   */
  commitStats(operation?: WriteOperation): CommitStats {
    const { submissions, commits } = this.writes.stats(operation);
    return { calls: submissions, commits };
  }

  async migrate(): Promise<void> {
    this.gate.assertNotClosed('migrate');
    try {
      const db = (this.db ??= openDatabase(this.config, this.logger));
      migrate(db, this.clock.now(), this.logger);
      this.database ??= this.prepare(db);
      this.gate.open(this.database);
    } catch (error) {
      throw toStoreError('migrate', error);
    }
  }

  /**
   * Opens the database to read only, in place of `migrate()` (see core's `Store.openReadOnly`):
   * nothing is written, and writes then fail. A file that does not exist yet reads as empty,
   * from a database in memory, and is not created.
   */
  async openReadOnly(): Promise<void> {
    this.gate.assertNotClosed('openReadOnly');
    try {
      if (this.db === undefined) {
        if (this.config.path === MEMORY_PATH || !existsSync(this.config.path)) {
          this.db = openDatabase({ ...this.config, path: MEMORY_PATH }, this.logger);
          migrate(this.db, this.clock.now(), this.logger);
        } else {
          this.db = openReadOnlyDatabase(this.config);
          assertMigrated(this.db);
        }
      }
      this.database ??= this.prepare(this.db);
      this.gate.open(this.database);
    } catch (error) {
      throw toStoreError('openReadOnly', error);
    }
  }

  close(): Promise<void> {
    return this.gate.close(() => this.shutDown());
  }

  async accept(entries: readonly AcceptEntry[]): Promise<AcceptOutcome[]> {
    this.gate.opened('accept');
    if (entries.length === 0) return [];
    return this.write('accept', (tables, now) => runNow(acceptEntries(tables, entries, now)));
  }

  async enqueue(jobs: readonly NewJob[]): Promise<void> {
    this.gate.opened('enqueue');
    if (jobs.length === 0) return;
    await this.write('enqueue', (tables, now) => {
      runNow(enqueueJobs(tables, jobs, now));
    });
  }

  async recordEvents(entries: readonly EventEntry[]): Promise<RecordedEvents> {
    return this.write('recordEvents', (tables, now) =>
      runNow(recordEventEntries(tables, entries, now)),
    );
  }

  async pruneRecordedEvents(before: number, limit: number): Promise<number> {
    return this.write('pruneRecordedEvents', (tables) => tables.events.prune(before, limit));
  }

  async clearMessagePayloads(before: number, limit: number): Promise<number> {
    return this.write('clearMessagePayloads', (tables) =>
      tables.ledger.clearPayloads(before, limit),
    );
  }

  async setAsideEvents(events: readonly UnreadableEvent[]): Promise<number> {
    this.gate.opened('setAsideEvents');
    if (events.length === 0) return 0;
    return this.write('setAsideEvents', (tables, now) =>
      runNow(setAsideEvents(tables, events, now)),
    );
  }

  async claim(request: ClaimRequest): Promise<Job[]> {
    return this.write('claim', (tables, now) => tables.outbox.claim(request, now));
  }

  async renew(jobs: readonly Job[], leaseMs: number): Promise<boolean> {
    return this.write('renew', (tables, now) =>
      jobs.map((job) => tables.outbox.renew(job, now + leaseMs)).every((renewed) => renewed),
    );
  }

  async complete(job: Job, effects?: JobEffects): Promise<boolean> {
    return this.write('complete', (tables, now) => runNow(completeJob(tables, job, effects, now)));
  }

  async retry(
    job: Job,
    notBefore: number,
    failure: Failure,
    effects?: JobEffects,
  ): Promise<boolean> {
    return this.write('retry', (tables, now) =>
      runNow(retryJob(tables, job, notBefore, failure, effects, now)),
    );
  }

  async postpone(
    job: Job,
    notBefore: number,
    failure: Failure,
    effects?: JobEffects,
  ): Promise<boolean> {
    return this.write('postpone', (tables, now) =>
      runNow(retryJob(tables, job, notBefore, failure, effects, now, false)),
    );
  }

  async deadLetter(job: Job, failure: Failure, effects?: JobEffects): Promise<boolean> {
    return this.write('deadLetter', (tables, now) =>
      runNow(deadLetterJob(tables, job, failure, effects, now)),
    );
  }

  async listDeadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.gate.opened('listDeadLetters').tables.deadLetters.list(limit);
  }

  async replayDeadLetter(jobId: string): Promise<boolean> {
    return this.write('replayDeadLetter', (tables, now) =>
      runNow(replayDeadLetter(tables, jobId, now)),
    );
  }

  async beginSession(opening: OpeningSession, closing?: SessionRecord): Promise<SessionRecord> {
    return this.write('beginSession', (tables) => runNow(beginSession(tables, opening, closing)));
  }

  async findOpenSession(conversation: ConversationKey): Promise<SessionRecord | undefined> {
    return this.read('findOpenSession', (tables) => tables.sessions.findOpen(conversation));
  }

  async markOpenCall(sessionKey: string, at: number): Promise<void> {
    await this.write('markOpenCall', (tables) => {
      tables.sessions.markOpenCall(sessionKey, at);
    });
  }

  async clearOpenCall(sessionKey: string): Promise<void> {
    await this.write('clearOpenCall', (tables) => {
      tables.sessions.clearOpenCall(sessionKey);
    });
  }

  async recordOpenAnswer(
    answer: OpenAnswer,
    replaced: readonly SessionRecord[],
  ): Promise<SessionRecord> {
    return this.write('recordOpenAnswer', (tables) =>
      runNow(recordOpenAnswer(tables, answer, replaced)),
    );
  }

  async findEventSessions(sessionId: string): Promise<EventSessions> {
    return this.read('findEventSessions', (tables) => tables.sessions.forEvent(sessionId));
  }

  async openSessionCounts(): Promise<SessionCount[]> {
    return this.read('openSessionCounts', (tables) => tables.sessions.countByStatus());
  }

  async getSession(sessionKey: string): Promise<SessionRecord | undefined> {
    return this.read('getSession', (tables) => tables.sessions.get(sessionKey));
  }

  async listOpenSessions(after: string | undefined, limit: number): Promise<SessionRecord[]> {
    return this.read('listOpenSessions', (tables) => tables.sessions.listOpen(after, limit));
  }

  async getMessage(id: string): Promise<MessageRecord | undefined> {
    return this.read('getMessage', (tables) => tables.ledger.get(id));
  }

  async listMessages(query: MessageQuery): Promise<MessageRecord[]> {
    return this.read('listMessages', (tables) => tables.ledger.list(query));
  }

  async applyReceipts(
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
    state: 'delivered' | 'read',
  ): Promise<number> {
    return this.write('applyReceipts', (tables, now) =>
      tables.ledger.applyReceipts(conversation, networkMessageIds, state, now),
    );
  }

  async getCursor(name: string): Promise<string | undefined> {
    return this.read('getCursor', (tables) => tables.cursors.get(name));
  }

  async setCursor(name: string, value: string): Promise<void> {
    await this.write('setCursor', (tables, now) => {
      tables.cursors.set(name, value, now);
    });
  }

  async claimCursor(name: string, value: string): Promise<string> {
    return this.write('claimCursor', (tables, now) => tables.cursors.claim(name, value, now));
  }

  async outboxStats(): Promise<OutboxStats[]> {
    return this.read('outboxStats', (tables) => tables.outbox.stats(this.clock.now()));
  }

  /**
   * Queues `body` for the next group commit, to run at the time of this call in its own
   * savepoint; resolves with what it returned once the batch is committed, or rejects with a
   * `StoreError` naming `operation`.
   */
  private async write<T>(
    operation: WriteOperation,
    body: (tables: Tables, now: number) => T,
  ): Promise<T> {
    this.gate.opened(operation);
    try {
      // The queue holds writes of every type; this one settles with what `body` returned.
      return (await this.writes.submit({ operation, now: this.clock.now(), body })) as T;
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /** Runs a read of one statement: a consistent snapshot without a transaction. */
  private read<T>(operation: string, body: (tables: Tables) => T): T {
    const { tables } = this.gate.opened(operation);
    try {
      return body(tables);
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /** The tables of the migrated `db`, and the transaction that commits a batch of writes. */
  private prepare(db: Database.Database): OpenDatabase {
    const tables = new Tables(db);
    // Called inside the batch's transaction, better-sqlite3 makes this a savepoint.
    const savepoint = db.transaction((write: Write) => write.body(tables, write.now));
    const batch = db.transaction((writes: readonly Write[]) =>
      writes.map((write): Settled<unknown> => {
        try {
          return { ok: true, value: savepoint(write) };
        } catch (error) {
          // A failure of the database itself (busy, I/O, full), or one that ended the
          // transaction, fails the batch: no write of it is committed.
          if (isRetryableSqliteError(error) || !db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
    return { tables, commit: (writes) => batch.immediate(writes) };
  }

  /**
   * Commits a batch of writes in one transaction, each in its own savepoint: a write whose input
   * fails (a constraint, a payload that is not JSON) is rolled back alone and rejects its caller;
   * a write that finds its lease lost changes nothing and resolves `false`; a failure of the
   * database itself fails the batch.
   */
  private commitWrites(batch: readonly Write[]): Settled<unknown>[] {
    // Writes called before close() are committed while it waits for them, so this is only a guard.
    if (this.database === undefined) throw new Error('the store is closed');
    return this.database.commit(batch);
  }

  private async shutDown(): Promise<void> {
    await this.writes.drain();
    this.database = undefined;
    this.db?.close();
    this.db = undefined;
  }
}
