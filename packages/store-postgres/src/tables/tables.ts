import { Cursors } from './cursors.js';
import { DeadLetters } from './dead-letters.js';
import { EventLog } from './event-log.js';
import { LeaderLeases } from './leader-leases.js';
import { Ledger } from './ledger.js';
import { Outbox } from './outbox.js';
import { Sessions } from './sessions.js';

/**
 * Every table of the store. Methods take the pool or the caller's transaction to run on; within a
 * transaction the store kit's procedures use them through `transactionTables`.
 */
export class Tables {
  readonly ledger = new Ledger();
  readonly outbox = new Outbox();
  readonly deadLetters = new DeadLetters();
  readonly sessions = new Sessions();
  readonly events = new EventLog();
  readonly cursors = new Cursors();
  readonly leases = new LeaderLeases();
}
