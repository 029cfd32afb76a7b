import type { DeadLetter } from '../interfaces/store.js';
import { toUnleasedJob, type JobRow, type LeaseColumn } from './job-row.js';

/**
 * A row of `dead_letters`: the job's columns (its id as `job_id`, no claim; a replay starts it
 * afresh, so not when it began failing either) and the failure;
 * `event_key` deduplicates unreadable TVox events set aside (NULL for other dead letters).
 */
export type DeadLetterRow = Omit<JobRow, 'id' | LeaseColumn | 'failing_since'> & {
  readonly job_id: number;
  readonly event_key: string | null;
  readonly failure_code: string;
  readonly failure_message: string;
  readonly failed_at: number;
};

/** The dead letter of `row`, its job under the id it had. */
export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    job: toUnleasedJob({ ...row, id: row.job_id }),
    failure: { code: row.failure_code, message: row.failure_message },
    failedAt: row.failed_at,
  };
}
