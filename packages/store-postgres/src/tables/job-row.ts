import type { Job, JobKind, NewJob } from '@tvox-connector/core';

/** A row of `jobs` (and, with the failure columns, of `dead_letters`). */
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

/**
 * A JSON column's text. `undefined` is stored as NULL and read back as `undefined`, so a payload
 * round-trips exactly; anything `JSON.stringify` refuses (a BigInt, a cycle) throws here, before a
 * statement runs.
 */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Reads a column written by {@link toJson}. */
export function fromJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
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
    payload: fromJson(row.payload),
    ...(row.not_before === null ? {} : { notBefore: row.not_before }),
  };
  return { ...job, id: String(row.id), attempts: row.attempts, enqueuedAt: row.enqueued_at };
}

/** The job of a row its caller holds, with the lease it holds. */
export function toJob(row: JobRow, leaseOwner: string, leaseUntil: number): Job {
  return { ...toUnleasedJob(row), leaseOwner, leaseUntil };
}

/** The row id a job id names, or undefined for a string no job of this store can have. */
export function rowId(jobId: string): number | undefined {
  return /^[1-9]\d{0,14}$/.test(jobId) ? Number(jobId) : undefined;
}
