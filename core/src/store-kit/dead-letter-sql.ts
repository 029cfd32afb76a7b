import type { Failure } from '../interfaces/store.js';
import type { JobRow, LeaseColumn } from './job-row.js';
import { deadLetterEventKey } from './unreadable-event.js';

/** The columns {@link deadLetterValues} fills, in its order. */
const DEAD_LETTER_COLUMNS = [
  'job_id',
  'kind',
  'lane',
  'lane_order',
  'message_id',
  'payload',
  'not_before',
  'attempts',
  'enqueued_at',
  'failure_code',
  'failure_message',
  'failed_at',
  'event_key',
] as const;

/**
 * The statements of the `dead_letters` table that SQLite and PostgreSQL write alike, but for how
 * a parameter is written (see `sessionStatements`).
 */
export interface DeadLetterStatements {
  /**
   * Keeps a dead letter ({@link deadLetterValues}). An unreadable event already kept again (TVox
   * delivered it while its replay ran) is not kept twice: the one kept takes the newer failure,
   * the reason its replay gave.
   */
  readonly keep: string;
  /** Dead letters, oldest first, up to a limit (the store's "no limit" for all of them). */
  readonly oldest: string;
  /** Removes the dead letter of a job id, returning its row. */
  readonly take: string;
}

/** The dead-letter statements with parameters written by `param` (1-based). */
export function deadLetterStatements(param: (position: number) => string): DeadLetterStatements {
  const values = DEAD_LETTER_COLUMNS.map((_, i) => param(i + 1)).join(', ');
  return {
    keep: `
      INSERT INTO dead_letters (${DEAD_LETTER_COLUMNS.join(', ')}) VALUES (${values})
      ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO UPDATE SET
        failure_code = excluded.failure_code, failure_message = excluded.failure_message,
        failed_at = excluded.failed_at`,
    oldest: `SELECT * FROM dead_letters ORDER BY failed_at, job_id LIMIT ${param(1)}`,
    take: `DELETE FROM dead_letters WHERE job_id = ${param(1)} RETURNING *`,
  };
}

/**
 * The values of {@link DeadLetterStatements.keep} for the job of `row`, failed for good with
 * `failure` at `now`: the attempt that just failed counts, and an unreadable event keeps its key.
 */
export function deadLetterValues(
  row: Omit<JobRow, LeaseColumn | 'failing_since'>,
  failure: Failure,
  now: number,
  eventKey: string | null = deadLetterEventKey(row),
): (string | number | null)[] {
  return [
    row.id,
    row.kind,
    row.lane,
    row.lane_order,
    row.message_id,
    row.payload,
    row.not_before,
    row.attempts + 1,
    row.enqueued_at,
    failure.code,
    failure.message,
    now,
    eventKey,
  ];
}
