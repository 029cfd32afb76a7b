import type { Job, JobKind, NewJob } from '../interfaces/store.js';
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
  readonly lease_owner: string | null;
  readonly lease_until: number | null;
}

/** The job of `row` as the interface shows it, without its lease. */
export function toUnleasedJob(
  row: Omit<JobRow, 'lease_owner' | 'lease_until'>,
): Omit<Job, 'leaseOwner' | 'leaseUntil'> {
  const job: NewJob = {
    kind: row.kind,
    lane: row.lane,
    ...(row.lane_order === null ? {} : { order: row.lane_order }),
    ...(row.message_id === null ? {} : { messageId: row.message_id }),
    payload: fromJsonColumn(row.payload),
    ...(row.not_before === null ? {} : { notBefore: row.not_before }),
  };
  return { ...job, id: String(row.id), attempts: row.attempts, enqueuedAt: row.enqueued_at };
}

/** The job of a row its caller holds, with the lease it holds. */
export function toJob(row: JobRow, leaseOwner: string, leaseUntil: number): Job {
  return { ...toUnleasedJob(row), leaseOwner, leaseUntil };
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
