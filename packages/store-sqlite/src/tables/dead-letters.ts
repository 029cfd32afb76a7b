import {
  deadLetterStatements,
  deadLetterValues,
  rowId,
  toDeadLetter,
  toJsonColumn,
  type DeadLetter,
  type DeadLetterRow,
  type DeadLetterTable,
  type Failure,
  type JobRow,
  type UnreadableEventLetter,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { marker, numbered, type Numbered } from '../database/numbered.js';

/** Jobs that failed for good, with the failure, until an operator replays them. */
export class DeadLetters implements DeadLetterTable {
  private readonly keepLetter;
  private readonly selectOldest;
  private readonly deleteLetter;
  private readonly selectEventKey;
  private readonly claimJobId;
  private readonly dropJobId;

  constructor(db: Database.Database) {
    const sql = deadLetterStatements(marker);
    this.keepLetter = db.prepare<[Numbered]>(sql.keep);
    this.selectOldest = db.prepare<[Numbered], DeadLetterRow>(sql.oldest);
    this.deleteLetter = db.prepare<[Numbered], DeadLetterRow>(sql.take);
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
    const { job, failure, eventKey } = letter;
    const row = {
      id,
      kind: job.kind,
      lane: job.lane,
      lane_order: null,
      message_id: null,
      payload: toJsonColumn(job.payload),
      not_before: null,
      // The read that failed is its one attempt.
      attempts: 0,
      enqueued_at: now,
    };
    this.keepLetter.run(numbered(deadLetterValues(row, failure, now, eventKey)));
    return true;
  }

  /** Keeps the job of `row` with `failure` (see `DeadLetterStatements.keep`). */
  add(row: JobRow, failure: Failure, now: number): void {
    this.keepLetter.run(numbered(deadLetterValues(row, failure, now)));
  }

  /** Dead letters, oldest first; all of them without `limit`. */
  list(limit?: number): DeadLetter[] {
    return this.selectOldest.all(numbered([limit ?? -1])).map(toDeadLetter);
  }

  /** Removes and returns the dead letter of `jobId`, if there is one. */
  take(jobId: string): DeadLetter | undefined {
    const id = rowId(jobId);
    const row = id === undefined ? undefined : this.deleteLetter.get(numbered([id]));
    return row === undefined ? undefined : toDeadLetter(row);
  }
}
