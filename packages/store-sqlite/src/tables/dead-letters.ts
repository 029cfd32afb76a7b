import {
  toDeadLetter,
  type DeadLetter,
  type DeadLetterRow,
  type Failure,
  type JobRow,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { rowId } from './row-id.js';

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters {
  private readonly insertLetter;
  private readonly selectOldest;
  private readonly deleteLetter;

  constructor(db: Database.Database) {
    this.insertLetter = db.prepare<[object]>(
      `INSERT INTO dead_letters (job_id, kind, lane, lane_order, message_id, payload, not_before,
         attempts, enqueued_at, failure_code, failure_message, failed_at)
       VALUES (@id, @kind, @lane, @order, @messageId, @payload, @notBefore,
         @attempts, @enqueuedAt, @code, @message, @now)`,
    );
    this.selectOldest = db.prepare<[number], DeadLetterRow>(
      'SELECT * FROM dead_letters ORDER BY failed_at, job_id LIMIT ?',
    );
    this.deleteLetter = db.prepare<[number], DeadLetterRow>(
      'DELETE FROM dead_letters WHERE job_id = ? RETURNING *',
    );
  }

  /** Keeps the job of `row` with `failure`; the attempt that just failed counts. */
  add(row: JobRow, failure: Failure, now: number): void {
    this.insertLetter.run({
      id: row.id,
      kind: row.kind,
      lane: row.lane,
      order: row.lane_order,
      messageId: row.message_id,
      payload: row.payload,
      notBefore: row.not_before,
      attempts: row.attempts + 1,
      enqueuedAt: row.enqueued_at,
      code: failure.code,
      message: failure.message,
      now,
    });
  }

  /** Dead letters, oldest first; all of them without `limit`. */
  list(limit?: number): DeadLetter[] {
    return this.selectOldest.all(limit ?? -1).map(toDeadLetter);
  }

  /** Removes and returns the dead letter of `jobId`, if there is one. */
  take(jobId: string): DeadLetter | undefined {
    const id = rowId(jobId);
    const row = id === undefined ? undefined : this.deleteLetter.get(id);
    return row === undefined ? undefined : toDeadLetter(row);
  }
}
