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
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

/** The order a lane runs in. */
const LANE_ORDER = 'lane_order NULLS FIRST, id';

/** Makes a lane's first job its head, once the lane has none. */
const PROMOTE_HEAD = `
  UPDATE jobs SET is_head = true
  WHERE id = (SELECT id FROM jobs WHERE lane = $1 ORDER BY ${LANE_ORDER} LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM jobs WHERE lane = $1 AND is_head)`;

/** The condition for the caller of a job (id $1, owner $2, claim number $3) holding it. */
const HELD = 'id = $1 AND lease_owner = $2 AND claims = $3';

/**
 * The jobs table. Each lane's first job by (`lane_order`, `id`) is its head (`is_head`); only
 * heads are claimed, so a lane runs one job at a time and in order, and a head waiting for its
 * back-off or leased to a worker holds back the rest of its lane. A job enqueued ahead of an
 * unleased head takes its place; a head that is removed or retried hands the lane to whichever
 * job is first then.
 *
 * Concurrency: every method but `claim` and `renew` changes which job heads a lane, and runs in a
 * transaction holding the lane's advisory lock, so such changes to one lane never interleave.
 * `claim` and `renew` only touch the lease of heads, under row locks: a claim skips heads another
 * transaction has locked (`FOR UPDATE SKIP LOCKED`) and re-checks the ones that changed meanwhile,
 * so two instances never take the same head, and neither waits for the other.
 */
export class Outbox {
  /** Adds `job` to its lane: at the end, or by its `order` (taking an unleased head's place). */
  async enqueue(sql: Sql, job: NewJob, now: number): Promise<void> {
    // Parameters in the order of `newJobValues`.
    await sql.query(
      // A head whose lease ran out yields to a job ordered before it; its claim is fenced out
      // (its worker may only be stalled), and the owner kept, so that its next claim is
      // interrupted.
      `WITH yielded AS (
         UPDATE jobs SET is_head = false, claims = claims + 1
         WHERE $3::bigint IS NOT NULL AND lane = $2 AND is_head AND lane_order > $3
           AND coalesce(lease_until, 0) <= $7
         RETURNING id)
       INSERT INTO jobs (kind, lane, lane_order, message_id, payload, not_before, enqueued_at,
         is_head)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
         EXISTS (SELECT 1 FROM yielded)
           OR NOT EXISTS (SELECT 1 FROM jobs WHERE lane = $2 AND is_head))`,
      newJobValues(job, now),
    );
  }

  /**
   * Leases the heads of up to `limit` ready lanes (of the kinds asked for) to `owner`,
   * longest-ready first. A head still carrying a lease owner had its lease run out with no
   * outcome: the claim marks it `interrupted` (SET reads the row as it was).
   */
  async claim(sql: Sql, request: ClaimRequest, now: number): Promise<Job[]> {
    if (request.limit <= 0) return [];
    const until = now + request.leaseMs;
    const { rows } = await sql.query<JobRow>(
      `WITH picked AS MATERIALIZED (
         SELECT id FROM jobs
         WHERE is_head AND ready_at <= $1 AND ($5::text[] IS NULL OR kind = ANY ($5))
         ORDER BY ready_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs SET interrupted = jobs.lease_owner IS NOT NULL, claims = jobs.claims + 1,
         lease_owner = $3, lease_until = $4
       FROM picked WHERE jobs.id = picked.id
       RETURNING jobs.*`,
      [now, request.limit, request.owner, until, request.kinds ?? null],
    );
    return rows.sort((a, b) => a.id - b.id).map((row) => toJob(row, request.owner, until));
  }

  /** Extends the leases of `jobs` still held to `until`; false when one was not. */
  async renew(sql: Sql, jobs: readonly Job[], until: number): Promise<boolean> {
    const held = jobs.flatMap((job) => {
      const id = rowId(job.id);
      return id === undefined ? [] : [{ id, owner: job.leaseOwner, claim: job.claimNumber }];
    });
    if (held.length === 0) return jobs.length === 0;
    const { rowCount } = await sql.query(
      `UPDATE jobs SET lease_until = $4
       FROM unnest($1::bigint[], $2::text[], $3::integer[]) AS held (id, owner, claim)
       WHERE jobs.id = held.id AND jobs.lease_owner = held.owner AND jobs.claims = held.claim`,
      [held.map((h) => h.id), held.map((h) => h.owner), held.map((h) => h.claim), until],
    );
    return rowCount === jobs.length;
  }

  /**
   * Removes `job` if its caller holds its latest claim, and makes the next job of its lane the
   * head. Resolves with the removed row, or undefined (and nothing changed) when the lease was lost.
   */
  async take(sql: Sql, job: Job): Promise<JobRow | undefined> {
    const id = rowId(job.id);
    if (id === undefined) return undefined;
    const { rows } = await sql.query<JobRow>(
      `WITH gone AS (DELETE FROM jobs WHERE ${HELD} RETURNING *),
       promoted AS (
         UPDATE jobs SET is_head = true
         WHERE id = (SELECT id FROM jobs WHERE lane = (SELECT lane FROM gone) AND id <> $1
                     ORDER BY ${LANE_ORDER} LIMIT 1)
           AND NOT EXISTS (SELECT 1 FROM jobs
                           WHERE lane = (SELECT lane FROM gone) AND is_head AND id <> $1))
       SELECT * FROM gone`,
      [id, job.leaseOwner, job.claimNumber],
    );
    return rows[0];
  }

  /**
   * Frees a held job for another attempt not before `notBefore`, in its place in the lane, one
   * more attempt counted when `counted`, and hands its lane to whichever job is first now; false
   * (and nothing changed) when the lease was lost.
   */
  async retry(
    sql: Sql,
    job: Job,
    notBefore: number,
    failure: Failure,
    now: number,
    counted: boolean,
  ): Promise<boolean> {
    const id = rowId(job.id);
    if (id === undefined) return false;
    const { rowCount } = await sql.query(
      `UPDATE jobs SET
         attempts = attempts + CASE WHEN $7 THEN 1 ELSE 0 END,
         failing_since = coalesce(failing_since, $8),
         not_before = $4, last_failure_code = $5, last_failure_message = $6,
         lease_owner = NULL, lease_until = NULL, is_head = false
       WHERE ${HELD}`,
      [id, job.leaseOwner, job.claimNumber, notBefore, failure.code, failure.message, counted, now],
    );
    if (rowCount !== 1) return false;
    await sql.query(PROMOTE_HEAD, [job.lane]);
    return true;
  }

  /** Depth and age of the oldest job, for every kind (zeros for an empty kind). */
  async stats(sql: Sql, now: number): Promise<OutboxStats[]> {
    const { rows } = await sql.query<OutboxDepthRow>(
      'SELECT kind, count(*)::integer AS depth, min(enqueued_at) AS oldest FROM jobs GROUP BY kind',
    );
    return outboxStatsOf(rows, now);
  }
}
