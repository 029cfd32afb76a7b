import {
  newJobValues,
  outboxStatsOf,
  rowId,
  toJob,
  type ClaimRequest,
  type Failure,
  type Job,
  type JobRow,
  type NewJob,
  type OutboxDepthRow,
  type OutboxStats,
  type OutboxTable,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { numbered, type Numbered } from '../database/numbered.js';

/**
 * The jobs table. Each lane's first job by (`lane_order`, `id`) is its head (`is_head`); only
 * heads are claimed, so a lane runs one job at a time and in order, and a head waiting for its
 * back-off or leased to a worker holds back the rest of its lane. A job enqueued ahead of an
 * unleased head takes its place; a head that is removed or retried hands the lane to whichever
 * job is first then.
 */
export class Outbox implements OutboxTable {
  private readonly insertJob;
  private readonly yieldHead;
  private readonly claimHeads;
  private readonly selectHeld;
  private readonly extendLease;
  private readonly reschedule;
  private readonly deleteJob;
  private readonly promoteHead;
  private readonly demoteHead;
  private readonly depthByKind;

  constructor(db: Database.Database) {
    // Parameters in the order of `newJobValues`.
    this.insertJob = db.prepare<[Numbered]>(
      `INSERT INTO jobs (kind, lane, lane_order, message_id, payload, not_before, enqueued_at,
         is_head)
       VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7,
         NOT EXISTS (SELECT 1 FROM jobs WHERE lane = @p2 AND is_head = 1))`,
    );
    // A head whose lease ran out yields to a job ordered before it; its claim is fenced out (its
    // worker may only be stalled), and the owner kept, so that its next claim is interrupted.
    this.yieldHead = db.prepare<[object]>(
      `UPDATE jobs SET is_head = 0, claims = claims + 1
       WHERE lane = @lane AND is_head = 1 AND lane_order > @order
         AND coalesce(lease_until, 0) <= @now`,
    );
    // A head still carrying a lease owner had its lease run out with no outcome: the claim marks
    // it interrupted (SET reads the row as it was). `kinds` is a JSON array, or NULL for all.
    this.claimHeads = db.prepare<[object], JobRow>(
      `UPDATE jobs SET interrupted = lease_owner IS NOT NULL, claims = claims + 1,
         lease_owner = @owner, lease_until = @until
       WHERE id IN (
         SELECT id FROM jobs
         WHERE is_head = 1 AND ready_at <= @now
           AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         ORDER BY ready_at, id
         LIMIT @limit)
       RETURNING *`,
    );
    this.selectHeld = db.prepare<[object], JobRow>(
      'SELECT * FROM jobs WHERE id = @id AND lease_owner = @owner AND claims = @claim',
    );
    this.extendLease = db.prepare<[object]>(
      `UPDATE jobs SET lease_until = @until
       WHERE id = @id AND lease_owner = @owner AND claims = @claim`,
    );
    this.reschedule = db.prepare<[object]>(
      `UPDATE jobs SET attempts = attempts + @counted, failing_since = coalesce(failing_since, @now),
         not_before = @notBefore, lease_owner = NULL, lease_until = NULL,
         last_failure_code = @code, last_failure_message = @message
       WHERE id = @id`,
    );
    this.deleteJob = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
    this.promoteHead = db.prepare<[{ lane: string }]>(
      `UPDATE jobs SET is_head = 1
       WHERE id = (SELECT id FROM jobs WHERE lane = @lane ORDER BY lane_order, id LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM jobs WHERE lane = @lane AND is_head = 1)`,
    );
    this.demoteHead = db.prepare<[number]>('UPDATE jobs SET is_head = 0 WHERE id = ?');
    this.depthByKind = db.prepare<[], OutboxDepthRow>(
      'SELECT kind, count(*) AS depth, min(enqueued_at) AS oldest FROM jobs GROUP BY kind',
    );
  }

  /** Adds `job` to its lane: at the end, or by its `order`. */
  enqueue(job: NewJob, now: number): void {
    if (job.order !== undefined) this.yieldHead.run({ lane: job.lane, order: job.order, now });
    this.insertJob.run(numbered(newJobValues(job, now)));
  }

  /**
   * Leases the heads of up to `limit` ready lanes (of the kinds asked for) to `owner`,
   * longest-ready first.
   */
  claim(request: ClaimRequest, now: number): Job[] {
    if (request.limit <= 0) return [];
    const until = now + request.leaseMs;
    return this.claimHeads
      .all({
        owner: request.owner,
        until,
        now,
        limit: request.limit,
        kinds: request.kinds === undefined ? null : JSON.stringify(request.kinds),
      })
      .sort((a, b) => a.id - b.id)
      .map((row) => toJob(row, request.owner, until));
  }

  /**
   * Removes `job` if its caller holds its latest claim, and promotes the next job of its lane;
   * the removed row, or undefined (and nothing changed) when the lease was lost.
   */
  take(job: Job): JobRow | undefined {
    const row = this.held(job);
    if (row === undefined) return undefined;
    this.deleteJob.run(row.id);
    this.promoteHead.run({ lane: row.lane });
    return row;
  }

  /** Extends a held lease to `until`; false when the lease is no longer held. */
  renew(job: Job, until: number): boolean {
    const id = rowId(job.id);
    if (id === undefined) return false;
    const claim = { id, owner: job.leaseOwner, claim: job.claimNumber };
    return this.extendLease.run({ ...claim, until }).changes === 1;
  }

  /**
   * Frees a held job for another attempt not before `notBefore`, in its place in the lane, one
   * more attempt counted when `counted`; false (and nothing changed) when the lease was lost.
   */
  retry(job: Job, notBefore: number, failure: Failure, now: number, counted: boolean): boolean {
    const row = this.held(job);
    if (row === undefined) return false;
    this.reschedule.run({
      id: row.id,
      notBefore,
      code: failure.code,
      message: failure.message,
      counted: counted ? 1 : 0,
      now,
    });
    this.rehead(row.id, row.lane);
    return true;
  }

  /** The row of `job` if its caller holds its latest claim. */
  private held(job: Job): JobRow | undefined {
    const id = rowId(job.id);
    return id === undefined
      ? undefined
      : this.selectHeld.get({ id, owner: job.leaseOwner, claim: job.claimNumber });
  }

  /** Makes the lane's first job its head again, once its head `id` was freed. */
  private rehead(id: number, lane: string): void {
    this.demoteHead.run(id);
    this.promoteHead.run({ lane });
  }

  /** Depth and age of the oldest job, for every kind (zeros for an empty kind). */
  stats(now: number): OutboxStats[] {
    return outboxStatsOf(this.depthByKind.all(), now);
  }
}
