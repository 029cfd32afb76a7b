import type { Job, JobKind, NewJob, UnleasedJob } from '../interfaces/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';

/** A row of `jobs` (and, with the failure columns, of `dead_letters`), as a SQL store reads it. */
export interface JobRow {
  readonly id: number;
  readonly kind: JobKind;
  readonly lane: string;
  readonly lane_order: number | null;
  readonly message_id: string | null;
  readonly payload: string | null;
  readonly not_before: number | null;
  readonly attempts: number;
  readonly enqueued_at: number;
  readonly failing_since: number | null;
  readonly lease_owner: string | null;
  readonly lease_until: number | null;
  readonly claims: number;
  /** Whether the latest claim found the previous one unfinished (SQLite reads 0 or 1). */
  readonly interrupted: boolean | number;
}

/** The columns of a job row that belong to one claim of it. */
export type LeaseColumn = 'lease_owner' | 'lease_until' | 'claims' | 'interrupted';

/** The job of `row` as the interface shows it, without its claim. */
export function toUnleasedJob(
  row: Omit<JobRow, LeaseColumn | 'failing_since'> & Partial<Pick<JobRow, 'failing_since'>>,
): UnleasedJob {
  const job: NewJob = {
    kind: row.kind,
    lane: row.lane,
    ...(row.lane_order === null ? {} : { order: row.lane_order }),
    ...(row.message_id === null ? {} : { messageId: row.message_id }),
    payload: fromJsonColumn(row.payload),
    ...(row.not_before === null ? {} : { notBefore: row.not_before }),
  };
  return {
    ...job,
    id: String(row.id),
    attempts: row.attempts,
    enqueuedAt: row.enqueued_at,
    ...(row.failing_since == null ? {} : { failingSince: row.failing_since }),
  };
}

/** The job of a row its caller just claimed, with the lease it holds. */
export function toJob(row: JobRow, leaseOwner: string, leaseUntil: number): Job {
  return {
    ...toUnleasedJob(row),
    leaseOwner,
    leaseUntil,
    claimNumber: row.claims,
    interrupted: Boolean(row.interrupted),
  };
}

/**
 * The values of a new job for `jobs (kind, lane, lane_order, message_id, payload, not_before,
 * enqueued_at)`, in that order; `is_head` is the store's to decide.
 */
export function newJobValues(job: NewJob, now: number): (string | number | null)[] {
  return [
    job.kind,
    job.lane,
    job.order ?? null,
    job.messageId ?? null,
    toJsonColumn(job.payload),
    job.notBefore ?? null,
    now,
  ];
}
