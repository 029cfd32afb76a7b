import type { StoreTables } from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { Cursors } from './cursors.js';
import { DeadLetters } from './dead-letters.js';
import { EventLog } from './event-log.js';
import { Ledger } from './ledger.js';
import { Outbox } from './outbox.js';
import { Sessions } from './sessions.js';

/**
 * Every table of the store with its prepared statements, built once the schema is migrated.
 * Methods run inside the caller's transaction, synchronously (the store kit's procedures run on
 * them with `runNow`); they never open one.
 */
export class Tables implements StoreTables {
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
}
