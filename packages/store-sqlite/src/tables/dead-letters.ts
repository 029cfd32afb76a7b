import {
  deadLetterEventKey,
  toDeadLetter,
  type DeadLetter,
  type DeadLetterTable,
  type DeadLetterRow,
  toJsonColumn,
  type Failure,
  type JobRow,
  type UnreadableEventLetter,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { rowId } from './row-id.js';

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters implements DeadLetterTable {
  private readonly insertLetter;
  private readonly selectOldest;
  private readonly deleteLetter;
  private readonly selectEventKey;
  private readonly claimJobId;
  private readonly dropJobId;

  constructor(db: Database.Database) {
    this.insertLetter = db.prepare<[object]>(
      `INSERT INTO dead_letters (job_id, kind, lane, lane_order, message_id, payload, not_before,
         attempts, enqueued_at, failure_code, failure_message, failed_at, event_key)
       VALUES (@id, @kind, @lane, @order, @messageId, @payload, @notBefore,
         @attempts, @enqueuedAt, @code, @message, @now, @eventKey)
       ON CONFLICT (event_key) WHERE event_key IS NOT NULL DO UPDATE SET
         failure_code = excluded.failure_code, failure_message = excluded.failure_message,
         failed_at = excluded.failed_at`,
    );
    this.selectOldest = db.prepare<[number], DeadLetterRow>(
      'SELECT * FROM dead_letters ORDER BY failed_at, job_id LIMIT ?',
    );
    this.deleteLetter = db.prepare<[number], DeadLetterRow>(
      'DELETE FROM dead_letters WHERE job_id = ? RETURNING *',
    );
    this.selectEventKey = db
      .prepare<[string], number>('SELECT 1 FROM dead_letters WHERE event_key = ?')
      .pluck();
    this.claimJobId = db
      .prepare<[number], number>(
        `INSERT INTO jobs (kind, lane, enqueued_at, is_head)
         VALUES ('applyEvent', 'dead-letter-id', ?, 0) RETURNING id`,
      )
      .pluck();
    this.dropJobId = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
  }

  /**
   * Keeps an unreadable TVox event as a dead letter, unless one of the same `eventKey` is kept;
   * false then. Its id comes from the jobs' own sequence (a row added and removed at once), so it
   * never meets the id of a job dead-lettered later.
   */
  setAside(letter: UnreadableEventLetter, now: number): boolean {
    if (this.selectEventKey.get(letter.eventKey) !== undefined) return false;
    const id = this.claimJobId.get(now);
    if (id === undefined) throw new Error('no job id was allocated');
    this.dropJobId.run(id);
    const { job, failure } = letter;
    this.insertLetter.run({
      id,
      kind: job.kind,
      lane: job.lane,
      order: null,
      messageId: null,
      payload: toJsonColumn(job.payload),
      notBefore: null,
      attempts: 1,
      enqueuedAt: now,
      code: failure.code,
      message: failure.message,
      now,
      eventKey: letter.eventKey,
    });
    return true;
  }

  /**
   * Keeps the job of `row` with `failure`; the attempt that just failed counts. An unreadable
   * event already kept again (TVox delivered it while its replay ran) is not kept twice: the one
   * kept takes the newer failure, the reason its replay gave.
   */
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
      eventKey: deadLetterEventKey(row),
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
