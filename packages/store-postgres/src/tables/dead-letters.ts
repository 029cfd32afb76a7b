import {
  deadLetterStatements,
  deadLetterValues,
  rowId,
  toDeadLetter,
  toJsonColumn,
  type DeadLetter,
  type DeadLetterRow,
  type Failure,
  type JobRow,
  type UnreadableEventLetter,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

const SQL = deadLetterStatements((position) => `$${position}`);

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters {
  /** Keeps the job of `row` with `failure` (see `DeadLetterStatements.keep`). */
  async add(sql: Sql, row: JobRow, failure: Failure, now: number): Promise<void> {
    await sql.query(SQL.keep, deadLetterValues(row, failure, now));
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
    const { rows } = await sql.query<DeadLetterRow>(SQL.oldest, [limit ?? null]);
    return rows.map(toDeadLetter);
  }

  /** Removes and returns the dead letter of `jobId`, if there is one. */
  async take(sql: Sql, jobId: string): Promise<DeadLetter | undefined> {
    const id = rowId(jobId);
    if (id === undefined) return undefined;
    const { rows } = await sql.query<DeadLetterRow>(SQL.take, [id]);
    return rows[0] === undefined ? undefined : toDeadLetter(rows[0]);
  }
}
