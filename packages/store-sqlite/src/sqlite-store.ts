import {
  StoreError,
  SystemClock,
  silentLogger,
  type AcceptEntry,
  type AcceptOutcome,
  type ClaimRequest,
  type Clock,
  type ConversationKey,
  type DeadLetter,
  type Failure,
  type Job,
  type JobEffects,
  type Logger,
  type MessageQuery,
  type MessageRecord,
  type OutboxStats,
  type SessionRecord,
  type Store,
  type TvoxEvent,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { migrate } from './database/migrate.js';
import { openDatabase } from './database/open-database.js';
import { isRetryableSqliteError, toStoreError } from './database/sqlite-errors.js';
import { GroupCommit, type Settled } from './group-commit.js';
import {
  resolveSqliteStoreConfig,
  type ResolvedSqliteStoreConfig,
  type SqliteStoreConfig,
} from './sqlite-store-config.js';
import { Tables } from './tables/tables.js';

/** What the SQLite store works with besides its configuration. */
export interface SqliteStoreDeps {
  /** Where every timestamp and lease time comes from; the system clock by default. */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

interface OpenDatabase {
  readonly db: Database.Database;
  readonly tables: Tables;
}

/**
 * Core's `Store` on an embedded SQLite database (better-sqlite3): one process writes, in
 * write-ahead-log mode, each method one short transaction that is committed — and fsynced with
 * `synchronous: FULL` — before its promise resolves. Concurrent `accept` calls are group-committed.
 * `migrate()` opens the database and must be called first; `close()` waits for pending accepts.
 */
export class SqliteStore implements Store {
  private readonly config: ResolvedSqliteStoreConfig;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly acceptBatches: GroupCommit<readonly AcceptEntry[], AcceptOutcome[]>;
  private db: Database.Database | undefined;
  private database: OpenDatabase | undefined;
  /** Set by `close()`: no new work is taken; accepts already submitted are still committed. */
  private closed: Promise<void> | undefined;

  /** Throws `ConfigError` for an invalid `config`; opens nothing until `migrate()`. */
  constructor(config: SqliteStoreConfig, deps: SqliteStoreDeps = {}) {
    this.config = resolveSqliteStoreConfig(config);
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ store: 'sqlite' });
    this.acceptBatches = new GroupCommit((batch) => this.commitAccepts(batch));
  }

  /** `accept` calls committed so far and the transactions that carried them. */
  get acceptStats(): { readonly calls: number; readonly commits: number } {
    const { submissions, commits } = this.acceptBatches.stats;
    return { calls: submissions, commits };
  }

  async migrate(): Promise<void> {
    this.assertNotClosed('migrate');
    try {
      const db = (this.db ??= openDatabase(this.config, this.logger));
      migrate(db, this.clock.now(), this.logger);
      this.database ??= { db, tables: new Tables(db) };
    } catch (error) {
      throw toStoreError('migrate', error);
    }
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  async accept(entries: readonly AcceptEntry[]): Promise<AcceptOutcome[]> {
    this.opened('accept');
    if (entries.length === 0) return [];
    return this.acceptBatches.submit(entries);
  }

  async recordEvents(
    events: readonly TvoxEvent[],
    laneOf: (event: TvoxEvent) => string,
  ): Promise<TvoxEvent[]> {
    return this.write('recordEvents', (tables, now) =>
      events.filter((event) => {
        if (!tables.events.record(event.sequence, now)) return false;
        tables.outbox.enqueue({ kind: 'applyEvent', lane: laneOf(event), payload: event }, now);
        return true;
      }),
    );
  }

  async claim(request: ClaimRequest): Promise<Job[]> {
    return this.write('claim', (tables, now) => tables.outbox.claim(request, now));
  }

  async renew(jobs: readonly Job[], leaseMs: number): Promise<boolean> {
    return this.write('renew', (tables, now) =>
      jobs.map((job) => tables.outbox.renew(job, now + leaseMs, now)).every((renewed) => renewed),
    );
  }

  async complete(job: Job, effects?: JobEffects): Promise<boolean> {
    return this.write('complete', (tables, now) => {
      const row = tables.outbox.held(job, now);
      if (row === undefined) return false;
      tables.apply(effects, now);
      tables.outbox.remove(row);
      return true;
    });
  }

  async retry(
    job: Job,
    notBefore: number,
    failure: Failure,
    effects?: JobEffects,
  ): Promise<boolean> {
    return this.write('retry', (tables, now) => {
      const row = tables.outbox.held(job, now);
      if (row === undefined) return false;
      tables.apply(effects, now);
      tables.outbox.retry(row, notBefore, failure);
      return true;
    });
  }

  async deadLetter(job: Job, failure: Failure, effects?: JobEffects): Promise<boolean> {
    return this.write('deadLetter', (tables, now) => {
      const row = tables.outbox.held(job, now);
      if (row === undefined) return false;
      tables.apply(effects, now);
      tables.deadLetters.add(row, failure, now);
      tables.outbox.remove(row);
      if (row.message_id !== null) {
        tables.ledger.update({ id: row.message_id, state: 'failed', failure }, now);
      }
      return true;
    });
  }

  async release(jobs: readonly Job[]): Promise<void> {
    this.write('release', (tables, now) => {
      for (const job of jobs) tables.outbox.release(job, now);
    });
  }

  async listDeadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.opened('listDeadLetters').tables.deadLetters.list(limit);
  }

  async replayDeadLetter(jobId: string): Promise<boolean> {
    return this.write('replayDeadLetter', (tables, now) => {
      const letter = tables.deadLetters.take(jobId);
      if (letter === undefined) return false;
      const { kind, lane, messageId, payload } = letter.job;
      tables.outbox.enqueue({ kind, lane, payload, ...(messageId ? { messageId } : {}) }, now);
      if (messageId !== undefined) tables.ledger.update({ id: messageId, state: 'accepted' }, now);
      return true;
    });
  }

  async findOpenSession(conversation: ConversationKey): Promise<SessionRecord | undefined> {
    return this.read('findOpenSession', (tables) => tables.sessions.findOpen(conversation));
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    return this.read('getSession', (tables) => tables.sessions.get(sessionId));
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
    this.write('setCursor', (tables, now) => {
      tables.cursors.set(name, value, now);
    });
  }

  async outboxStats(): Promise<OutboxStats[]> {
    return this.read('outboxStats', (tables) => tables.outbox.stats(this.clock.now()));
  }

  /** Runs `body` in one IMMEDIATE transaction (the write lock taken up front), at one `now`. */
  private write<T>(operation: string, body: (tables: Tables, now: number) => T): T {
    return this.transaction(this.opened(operation), operation, body);
  }

  private transaction<T>(
    { db, tables }: OpenDatabase,
    operation: string,
    body: (tables: Tables, now: number) => T,
  ): T {
    try {
      return db.transaction(() => body(tables, this.clock.now())).immediate();
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /** Runs a read of one statement: a consistent snapshot without a transaction. */
  private read<T>(operation: string, body: (tables: Tables) => T): T {
    const { tables } = this.opened(operation);
    try {
      return body(tables);
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /**
   * Commits a batch of `accept` calls in one transaction, each call in its own savepoint: a
   * call whose input fails (a constraint, a payload that is not JSON) is rolled back alone; a
   * failure of the database itself fails the batch.
   */
  private commitAccepts(batch: readonly (readonly AcceptEntry[])[]): Settled<AcceptOutcome[]>[] {
    // Accepts submitted before close() are committed while it waits for them.
    const database = this.database;
    if (database === undefined) {
      throw new StoreError('accept', 'the store is closed', { retryable: false });
    }
    const { db } = database;
    return this.transaction(database, 'accept', (tables, now) => {
      return batch.map((entries): Settled<AcceptOutcome[]> => {
        try {
          return { ok: true, value: db.transaction(() => tables.accept(entries, now))() };
        } catch (error) {
          if (isRetryableSqliteError(error)) throw error;
          return { ok: false, error: toStoreError('accept', error) };
        }
      });
    });
  }

  private async shutDown(): Promise<void> {
    await this.acceptBatches.drain();
    this.database = undefined;
    this.db?.close();
    this.db = undefined;
  }

  private opened(operation: string): OpenDatabase {
    this.assertNotClosed(operation);
    if (this.database === undefined) {
      throw new StoreError(operation, 'the store is not open: call migrate() first', {
        retryable: false,
      });
    }
    return this.database;
  }

  private assertNotClosed(operation: string): void {
    if (this.closed !== undefined) {
      throw new StoreError(operation, 'the store is closed', { retryable: false });
    }
  }
}
