import {
  deadLetterEventKey,
  toDeadLetter,
  type DeadLetter,
  type DeadLetterRow,
  toJsonColumn,
  type Failure,
  type JobRow,
  type UnreadableEventLetter,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';
import { rowId } from './row-id.js';

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters {
  /**
   * Keeps the job of `row` with `failure`; the attempt that just failed counts. An unreadable
   * event already kept again (TVox delivered it while its replay ran) is not kept twice: the one
   * kept takes the newer failure, the reason its replay gave.
   */
  async add(sql: Sql, row: JobRow, failure: Failure, now: number): Promise<void> {
    await sql.query(
      `INSERT INTO dead_letters (job_id, kind, lane, lane_order, message_id, payload, not_before,
         attempts, enqueued_at, failure_code, failure_message, failed_at, event_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO UPDATE SET
         failure_code = excluded.failure_code, failure_message = excluded.failure_message,
         failed_at = excluded.failed_at`,
      [
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
        deadLetterEventKey(row),
      ],
    );
  }

  /**
   * Keeps an unreadable TVox event as a dead letter, unless one of the same `eventKey` is kept
   * (also by another instance at the same moment); false then. Its id comes from the jobs' own
   * sequence, so it never meets the id of a job dead-lettered later.
   */
  async setAside(sql: Sql, letter: UnreadableEventLetter, now: number): Promise<boolean> {
    const { job, failure, eventKey } = letter;
    const { rowCount } = await sql.query(
      `INSERT INTO dead_letters (job_id, kind, lane, payload, attempts, enqueued_at,
         failure_code, failure_message, failed_at, event_key)
       SELECT nextval(pg_get_serial_sequence('jobs', 'id')), $1, $2, $3, 1, $4, $5, $6, $4, $7
       WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE event_key = $7)
       ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO NOTHING`,
      [job.kind, job.lane, toJsonColumn(job.payload), now, failure.code, failure.message, eventKey],
    );
    return rowCount === 1;
  }

  /** Dead letters, oldest first; all of them without `limit`. */
  async list(sql: Sql, limit?: number): Promise<DeadLetter[]> {
    const { rows } = await sql.query<DeadLetterRow>(
      'SELECT * FROM dead_letters ORDER BY failed_at, job_id LIMIT $1',
      [limit ?? null],
    );
    return rows.map(toDeadLetter);
  }

  /** Removes and returns the dead letter of `jobId`, if there is one. */
  async take(sql: Sql, jobId: string): Promise<DeadLetter | undefined> {
    const id = rowId(jobId);
    if (id === undefined) return undefined;
    const { rows } = await sql.query<DeadLetterRow>(
      'DELETE FROM dead_letters WHERE job_id = $1 RETURNING *',
      [id],
    );
    return rows[0] === undefined ? undefined : toDeadLetter(rows[0]);
  }
}
