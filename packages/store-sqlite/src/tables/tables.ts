import type {
  AcceptEntry,
  AcceptOutcome,
  JobEffects,
  OpeningSession,
  SessionRecord,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { Cursors } from './cursors.js';
import { DeadLetters } from './dead-letters.js';
import { EventLog } from './event-log.js';
import { Ledger } from './ledger.js';
import { Outbox } from './outbox.js';
import { Sessions } from './sessions.js';

/**
 * Every table of the store with its prepared statements, built once the schema is migrated.
 * Methods here run inside the caller's transaction; they never open one.
 */
export class Tables {
  readonly ledger: Ledger;
  readonly outbox: Outbox;
  readonly deadLetters: DeadLetters;
  readonly sessions: Sessions;
  readonly events: EventLog;
  readonly cursors: Cursors;

  constructor(db: Database.Database) {
    this.ledger = new Ledger(db);
    this.outbox = new Outbox(db);
    this.deadLetters = new DeadLetters(db);
    this.sessions = new Sessions(db);
    this.events = new EventLog(db);
    this.cursors = new Cursors(db);
  }

  /** Stores each message with its job, unless its id is already in the ledger. */
  accept(entries: readonly AcceptEntry[], now: number): AcceptOutcome[] {
    return entries.map(({ message, job }) => {
      if (!this.ledger.insert(message, now)) return 'duplicate';
      this.outbox.enqueue(job, now);
      return 'accepted';
    });
  }

  /**
   * Stores `closing`, then `opening` after the newest event recorded so far (see
   * `Store.beginSession`).
   */
  beginSession(opening: OpeningSession, closing: SessionRecord | undefined): SessionRecord {
    if (closing !== undefined) this.sessions.put(closing);
    return this.sessions.begin(opening);
  }

  /**
   * Applies what a finished job changes: new messages first (so that updates may name them),
   * then message updates, then sessions.
   */
  apply(effects: JobEffects | undefined, now: number): void {
    if (effects === undefined) return;
    this.accept(effects.accept ?? [], now);
    for (const update of effects.messages ?? []) this.ledger.update(update, now);
    for (const session of effects.sessions ?? []) this.sessions.put(session);
  }
}
