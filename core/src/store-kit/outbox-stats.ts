import { JOB_KINDS, type JobKind, type OutboxStats } from '../interfaces/store.js';

/** One row of `SELECT kind, count(*) AS depth, min(enqueued_at) AS oldest FROM jobs GROUP BY kind`. */
export interface OutboxDepthRow {
  readonly kind: JobKind;
  readonly depth: number;
  /** The earliest `enqueued_at` of the kind, epoch milliseconds. */
  readonly oldest: number;
}

/**
 * `outboxStats` from the depth of each kind that has jobs: every kind of `JOB_KINDS`, in that
 * order, zeros for a kind without a row, the age of the oldest job as of `now`.
 */
export function outboxStatsOf(rows: readonly OutboxDepthRow[], now: number): OutboxStats[] {
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return JOB_KINDS.map((kind) => {
    const row = byKind.get(kind);
    return row === undefined
      ? { kind, depth: 0, oldestAgeMs: 0 }
      : { kind, depth: row.depth, oldestAgeMs: Math.max(0, now - row.oldest) };
  });
}
