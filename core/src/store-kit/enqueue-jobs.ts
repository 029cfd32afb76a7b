import type { NewJob } from '../interfaces/store.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/** `Store.enqueue`: adds each job to its lane, in order. */
export function* enqueueJobs(
  tables: StoreTables,
  jobs: readonly NewJob[],
  now: number,
): Procedure<void> {
  for (const job of jobs) yield* step(tables.outbox.enqueue(job, now));
}
