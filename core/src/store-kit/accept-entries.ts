import type { AcceptEntry, AcceptOutcome } from '../interfaces/store.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * `Store.accept`: stores each message with its job, unless its id is already in the ledger (a
 * `duplicate`, which enqueues nothing).
 */
export function* acceptEntries(
  tables: StoreTables,
  entries: readonly AcceptEntry[],
  now: number,
): Procedure<AcceptOutcome[]> {
  const outcomes: AcceptOutcome[] = [];
  for (const { message, job } of entries) {
    if (yield* step(tables.ledger.insert(message, now))) {
      yield* step(tables.outbox.enqueue(job, now));
      outcomes.push('accepted');
    } else {
      outcomes.push('duplicate');
    }
  }
  return outcomes;
}
