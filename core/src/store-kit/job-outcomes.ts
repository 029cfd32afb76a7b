import type { Failure, Job, JobEffects } from '../interfaces/store.js';
import { applyJobEffects } from './job-effects.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/*
 * The outcomes of a job a worker holds. Each acts only for the job's latest claim, and otherwise
 * resolves false having changed nothing; the job's effects are applied with it.
 */

/** `Store.complete`: removes the job and applies its effects. */
export function* completeJob(
  tables: StoreTables,
  job: Job,
  effects: JobEffects | undefined,
  now: number,
): Procedure<boolean> {
  if ((yield* step(tables.outbox.take(job, now))) === undefined) return false;
  yield* applyJobEffects(tables, effects, now);
  return true;
}

/**
 * `Store.retry` (one more attempt `counted`) and `Store.postpone` (none): frees the job for
 * another attempt not before `notBefore`.
 */
export function* retryJob(
  tables: StoreTables,
  job: Job,
  notBefore: number,
  failure: Failure,
  effects: JobEffects | undefined,
  now: number,
  counted = true,
): Procedure<boolean> {
  if (!(yield* step(tables.outbox.retry(job, notBefore, failure, now, counted)))) return false;
  yield* applyJobEffects(tables, effects, now);
  return true;
}

/**
 * `Store.deadLetter`: moves the job to the dead letters and marks its message failed, after its
 * effects (which may have updated the message).
 */
export function* deadLetterJob(
  tables: StoreTables,
  job: Job,
  failure: Failure,
  effects: JobEffects | undefined,
  now: number,
): Procedure<boolean> {
  const row = yield* step(tables.outbox.take(job, now));
  if (row === undefined) return false;
  yield* step(tables.deadLetters.add(row, failure, now));
  yield* applyJobEffects(tables, effects, now);
  if (row.message_id !== null) {
    yield* step(tables.ledger.update({ id: row.message_id, state: 'failed', failure }, now));
  }
  return true;
}
