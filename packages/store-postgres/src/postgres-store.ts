import {
  StoreGate,
  SystemClock,
  acceptEntries,
  enqueueJobs,
  beginSession,
  completeJob,
  deadLetterJob,
  recordEventEntries,
  recordOpenAnswer,
  replayDeadLetter,
  retryJob,
  runToEnd,
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
  type Procedure,
  type Store,
  type StoreDeps,
  type StoreTables,
  type RecordedEvents,
  type UnreadableEvent,
} from '@tvox-connector/core';
import type pg from 'pg';
import { advisoryKey } from './database/advisory-keys.js';
import { migrate } from './database/migrate.js';
import { connectionConfig, createPool, describeUrl, type Sql } from './database/pool.js';
import { postgresFailure, toStoreError } from './database/postgres-errors.js';
import { inTransaction } from './database/transaction.js';
import { WorkListener } from './database/work-listener.js';
import { WorkNotifier } from './database/work-notifier.js';
import {
  resolvePostgresStoreConfig,
  type PostgresStoreConfig,
  type ResolvedPostgresStoreConfig,
} from './postgres-store-config.js';
import { Tables } from './tables/tables.js';
import { transactionTables } from './tables/transaction-tables.js';

/** What the PostgreSQL store works with besides its configuration. */
export type PostgresStoreDeps = StoreDeps;

/**
 * Core's `Store` on PostgreSQL, shared by several connector instances. Every method is one
 * transaction (or one statement) on a pooled connection. Lanes: a job's lane is worked by one
 * instance at a time, in order, because only each lane's head is claimed, under row locks with
 * `FOR UPDATE SKIP LOCKED`, and with a lease judged by this store's clock; changes to which job
 * heads a lane hold the lane's advisory lock. An instance that dies leaves its leases to run out,
 * then another instance claims the same jobs again. Commits that enqueued work are followed by a
 * NOTIFY on the schema's channel, which `onWork` listens to. `migrate()` must be called first; `close()` waits
 * for the operations already called.
 */
export class PostgresStore implements Store {
  private readonly config: ResolvedPostgresStoreConfig;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly pool: pg.Pool;
  private readonly tables = new Tables();
  private readonly listener: WorkListener;
  private readonly notifier: WorkNotifier;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Takes no new work once `close()` was called; operations already called still finish. */
  private readonly gate = new StoreGate();

  /** Throws `ConfigError` for an invalid `config`; connects to nothing until `migrate()`. */
  constructor(config: PostgresStoreConfig, deps: PostgresStoreDeps = {}) {
    this.config = resolvePostgresStoreConfig(config);
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({
      store: 'postgres',
      database: describeUrl(this.config.url),
      schema: this.config.schema,
    });
    this.pool = createPool(this.config);
    // An idle connection that fails (the server restarted) is dropped by the pool; without a
    // listener the 'error' event would end the process. The pool's error carries the client.
    this.pool.on('error', (error) => {
      this.logger.warn(
        { err: postgresFailure(error) },
        'an idle database connection failed; it was dropped',
      );
    });
    // The schema's NOTIFY channel, within PostgreSQL's 63 characters of an identifier.
    const channel = `tvox_work_${this.config.schema}`.slice(0, 63);
    this.listener = new WorkListener(
      connectionConfig(this.config),
      channel,
      this.clock,
      this.logger,
    );
    this.notifier = new WorkNotifier(this.pool, channel, this.logger);
  }

  async migrate(): Promise<void> {
    this.gate.assertNotClosed('migrate');
    await this.track('migrate', () =>
      migrate(this.pool, this.config.schema, this.clock.now(), this.logger),
    );
    this.gate.open();
  }

  close(): Promise<void> {
    return this.gate.close(() => this.shutDown());
  }

  async accept(entries: readonly AcceptEntry[]): Promise<AcceptOutcome[]> {
    this.gate.opened('accept');
    if (entries.length === 0) return [];
    const lanes = entries.map((entry) => entry.job.lane);
    return this.write('accept', lanes, (tables, now) => acceptEntries(tables, entries, now));
  }

  async enqueue(jobs: readonly NewJob[]): Promise<void> {
    this.gate.opened('enqueue');
    if (jobs.length === 0) return;
    await this.write(
      'enqueue',
      jobs.map((job) => job.lane),
      (tables, now) => enqueueJobs(tables, jobs, now),
    );
  }

  async recordEvents(entries: readonly EventEntry[]): Promise<RecordedEvents> {
    this.gate.opened('recordEvents');
    if (entries.length === 0) return { recorded: [], restarted: [] };
    const lanes = entries.map((entry) => entry.job.lane);
    return this.write('recordEvents', lanes, (tables, now) =>
      recordEventEntries(tables, entries, now),
    );
  }

  async pruneRecordedEvents(before: number, limit: number): Promise<number> {
    return this.statement('pruneRecordedEvents', (sql) =>
      this.tables.events.prune(sql, before, limit),
    );
  }

  async clearMessagePayloads(before: number, limit: number): Promise<number> {
    return this.statement('clearMessagePayloads', (sql) =>
      this.tables.ledger.clearPayloads(sql, before, limit),
    );
  }

  async setAsideEvents(events: readonly UnreadableEvent[]): Promise<number> {
    this.gate.opened('setAsideEvents');
    if (events.length === 0) return 0;
    return this.write('setAsideEvents', [], (tables, now) => setAsideEvents(tables, events, now));
  }

  async claim(request: ClaimRequest): Promise<Job[]> {
    return this.statement('claim', (sql, now) => this.tables.outbox.claim(sql, request, now));
  }

  async renew(jobs: readonly Job[], leaseMs: number): Promise<boolean> {
    return this.statement('renew', (sql, now) =>
      this.tables.outbox.renew(sql, jobs, now + leaseMs),
    );
  }

  async complete(job: Job, effects?: JobEffects): Promise<boolean> {
    return this.outcome('complete', job, effects, (tables, now) =>
      completeJob(tables, job, effects, now),
    );
  }

  async retry(
    job: Job,
    notBefore: number,
    failure: Failure,
    effects?: JobEffects,
  ): Promise<boolean> {
    return this.outcome('retry', job, effects, (tables, now) =>
      retryJob(tables, job, notBefore, failure, effects, now),
    );
  }

  async postpone(
    job: Job,
    notBefore: number,
    failure: Failure,
    effects?: JobEffects,
  ): Promise<boolean> {
    return this.outcome('postpone', job, effects, (tables, now) =>
      retryJob(tables, job, notBefore, failure, effects, now, false),
    );
  }

  async deadLetter(job: Job, failure: Failure, effects?: JobEffects): Promise<boolean> {
    return this.outcome('deadLetter', job, effects, (tables, now) =>
      deadLetterJob(tables, job, failure, effects, now),
    );
  }

  async listDeadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.statement('listDeadLetters', (sql) => this.tables.deadLetters.list(sql, limit));
  }

  async replayDeadLetter(jobId: string): Promise<boolean> {
    // The letter's lane is locked once read, as the replayed job is enqueued.
    return this.write('replayDeadLetter', [], (tables, now) =>
      replayDeadLetter(tables, jobId, now),
    );
  }

  async beginSession(opening: OpeningSession, closing?: SessionRecord): Promise<SessionRecord> {
    return this.write('beginSession', [], (tables) => beginSession(tables, opening, closing));
  }

  async markOpenCall(sessionKey: string, at: number): Promise<void> {
    await this.statement('markOpenCall', (sql) =>
      this.tables.sessions.markOpenCall(sql, sessionKey, at),
    );
  }

  async clearOpenCall(sessionKey: string): Promise<void> {
    await this.statement('clearOpenCall', (sql) =>
      this.tables.sessions.clearOpenCall(sql, sessionKey),
    );
  }

  async recordOpenAnswer(
    answer: OpenAnswer,
    replaced: readonly SessionRecord[],
  ): Promise<SessionRecord> {
    return this.write('recordOpenAnswer', [], (tables) =>
      recordOpenAnswer(tables, answer, replaced),
    );
  }

  async findEventSessions(sessionId: string): Promise<EventSessions> {
    return this.statement('findEventSessions', (sql) =>
      this.tables.sessions.forEvent(sql, sessionId),
    );
  }

  async findOpenSession(conversation: ConversationKey): Promise<SessionRecord | undefined> {
    return this.statement('findOpenSession', (sql) =>
      this.tables.sessions.findOpen(sql, conversation),
    );
  }

  async openSessionCounts(): Promise<SessionCount[]> {
    return this.statement('openSessionCounts', (sql) => this.tables.sessions.countByStatus(sql));
  }

  async getSession(sessionKey: string): Promise<SessionRecord | undefined> {
    return this.statement('getSession', (sql) => this.tables.sessions.get(sql, sessionKey));
  }

  async listOpenSessions(after: string | undefined, limit: number): Promise<SessionRecord[]> {
    return this.statement('listOpenSessions', (sql) =>
      this.tables.sessions.listOpen(sql, after, limit),
    );
  }

  async getMessage(id: string): Promise<MessageRecord | undefined> {
    return this.statement('getMessage', (sql) => this.tables.ledger.get(sql, id));
  }

  async listMessages(query: MessageQuery): Promise<MessageRecord[]> {
    return this.statement('listMessages', (sql) => this.tables.ledger.list(sql, query));
  }

  async applyReceipts(
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
    state: 'delivered' | 'read',
  ): Promise<number> {
    return this.statement('applyReceipts', (sql, now) =>
      this.tables.ledger.applyReceipts(sql, conversation, networkMessageIds, state, now),
    );
  }

  async getCursor(name: string): Promise<string | undefined> {
    return this.statement('getCursor', (sql) => this.tables.cursors.get(sql, name));
  }

  async setCursor(name: string, value: string): Promise<void> {
    await this.statement('setCursor', (sql, now) => this.tables.cursors.set(sql, name, value, now));
  }

  async claimCursor(name: string, value: string): Promise<string> {
    return this.statement('claimCursor', (sql, now) =>
      this.tables.cursors.claim(sql, name, value, now),
    );
  }

  async outboxStats(): Promise<OutboxStats[]> {
    return this.statement('outboxStats', (sql, now) => this.tables.outbox.stats(sql, now));
  }

  async tryLead(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.statement('tryLead', (sql, now) =>
      this.tables.leases.tryLead(sql, name, owner, ttlMs, now),
    );
  }

  async resign(name: string, owner: string): Promise<void> {
    await this.statement('resign', (sql) => this.tables.leases.resign(sql, name, owner));
  }

  onWork(listener: () => void): () => void {
    return this.listener.add(listener);
  }

  /**
   * The outcome of a held job (`complete`, `retry`, `deadLetter`): one transaction holding the
   * locks of the job's lane and of every lane its effects enqueue into.
   */
  private async outcome(
    operation: string,
    job: Job,
    effects: JobEffects | undefined,
    body: (tables: StoreTables, now: number) => Procedure<boolean>,
  ): Promise<boolean> {
    const lanes = [job.lane, ...(effects?.accept ?? []).map((entry) => entry.job.lane)];
    return this.write(operation, lanes, body);
  }

  /**
   * Runs the store kit's procedure `body` in a transaction holding the advisory locks of `lanes`,
   * at the time of this call; rejects with a `StoreError` naming `operation`.
   */
  private write<T>(
    operation: string,
    lanes: readonly string[],
    body: (tables: StoreTables, now: number) => Procedure<T>,
  ): Promise<T> {
    this.gate.opened(operation);
    const now = this.clock.now();
    const laneKey = (lane: string): string => this.laneKey(lane);
    return this.track(operation, () =>
      inTransaction(
        this.pool,
        lanes.map(laneKey),
        (tx) => runToEnd(body(transactionTables(this.tables, tx, laneKey), now)),
        () => {
          this.notifier.notify();
        },
      ),
    );
  }

  /** Runs `body`, one statement, on the pool, at the time of this call. */
  private statement<T>(operation: string, body: (sql: Sql, now: number) => Promise<T>): Promise<T> {
    this.gate.opened(operation);
    const now = this.clock.now();
    return this.track(operation, () => body(this.pool, now));
  }

  /** Runs `operation` so that `close()` waits for it; failures become `StoreError`s. */
  private async track<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const running = run();
    this.inFlight.add(running);
    try {
      return await running;
    } catch (error) {
      throw toStoreError(operation, error);
    } finally {
      this.inFlight.delete(running);
    }
  }

  private laneKey(lane: string): string {
    return advisoryKey(this.config.schema, lane);
  }

  private async shutDown(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.notifier.drain();
    await this.listener.close();
    await this.pool.end();
  }
}
