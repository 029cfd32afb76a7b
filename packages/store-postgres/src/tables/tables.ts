import type { AcceptEntry, AcceptOutcome, JobEffects } from '@tvox-connector/core';
import type { Transaction } from '../database/transaction.js';
import { Cursors } from './cursors.js';
import { DeadLetters } from './dead-letters.js';
import { EventLog } from './event-log.js';
import { LeaderLeases } from './leader-leases.js';
import { Ledger } from './ledger.js';
import { Outbox } from './outbox.js';
import { Sessions } from './sessions.js';

/**
 * Every table of the store. Methods take the pool or the caller's transaction to run on; those
 * here run inside the caller's transaction, which holds the advisory locks of the lanes they
 * enqueue into.
 */
export class Tables {
  readonly ledger = new Ledger();
  readonly outbox = new Outbox();
  readonly deadLetters = new DeadLetters();
  readonly sessions = new Sessions();
  readonly events = new EventLog();
  readonly cursors = new Cursors();
  readonly leases = new LeaderLeases();

  /**
   * Stores each message with its job, unless its id is already in the ledger; wakes idle
   * instances when something was enqueued.
   */
  async accept(
    tx: Transaction,
    entries: readonly AcceptEntry[],
    now: number,
  ): Promise<AcceptOutcome[]> {
    const outcomes: AcceptOutcome[] = [];
    for (const { message, job } of entries) {
      if (await this.ledger.insert(tx, message, now)) {
        await this.outbox.enqueue(tx, job, now);
        tx.wake();
        outcomes.push('accepted');
      } else {
        outcomes.push('duplicate');
      }
    }
    return outcomes;
  }

  /**
   * Applies what a finished job changes: new messages first (so that updates may name them),
   * then message updates, then sessions.
   */
  async apply(tx: Transaction, effects: JobEffects | undefined, now: number): Promise<void> {
    if (effects === undefined) return;
    await this.accept(tx, effects.accept ?? [], now);
    for (const update of effects.messages ?? []) await this.ledger.update(tx, update, now);
    for (const session of effects.sessions ?? []) await this.sessions.put(tx, session);
  }
}
