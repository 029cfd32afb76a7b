import type { DeadLetter, NewJob } from '../interfaces/store.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * The job a replay enqueues for `letter`: its kind, lane, `order`, message and payload, enqueued
 * afresh (a new id, no attempts, no back-off), so it goes to the end of its lane or to its order.
 */
export function replayedJob(letter: DeadLetter): NewJob {
  const { kind, lane, order, messageId, payload } = letter.job;
  return {
    kind,
    lane,
    payload,
    ...(order === undefined ? {} : { order }),
    ...(messageId === undefined ? {} : { messageId }),
  };
}

/**
 * `Store.replayDeadLetter`: takes the dead letter of `jobId` back into the outbox as
 * {@link replayedJob} says, its message `accepted` again; false when there is no such letter.
 */
export function* replayDeadLetter(
  tables: StoreTables,
  jobId: string,
  now: number,
): Procedure<boolean> {
  const letter = yield* step(tables.deadLetters.take(jobId));
  if (letter === undefined) return false;
  const job = replayedJob(letter);
  yield* step(tables.outbox.enqueue(job, now));
  if (job.messageId !== undefined) {
    yield* step(tables.ledger.update({ id: job.messageId, state: 'accepted' }, now));
  }
  return true;
}
