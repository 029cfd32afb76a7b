import {
  toDeadLetter,
  type DeadLetter,
  type DeadLetterRow,
  type Failure,
  type JobRow,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';
import { rowId } from './row-id.js';

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters {
  /** Keeps the job of `row` with `failure`; the attempt that just failed counts. */
  async add(sql: Sql, row: JobRow, failure: Failure, now: number): Promise<void> {
    await sql.query(
      `INSERT INTO dead_letters (job_id, kind, lane, lane_order, message_id, payload, not_before,
         attempts, enqueued_at, failure_code, failure_message, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
      ],
    );
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
