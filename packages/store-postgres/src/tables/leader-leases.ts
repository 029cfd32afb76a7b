import type { Sql } from '../database/pool.js';

/** Named leases of tasks one instance runs at a time, judged by the store's clock. */
export class LeaderLeases {
  /**
   * Takes or renews the lease `name` for `owner` until `now + ttlMs` when it is free, expired or
   * already `owner`'s; resolves whether `owner` holds it. One statement: concurrent callers wait
   * on the row, and exactly one of them gets a free lease.
   */
  async tryLead(
    sql: Sql,
    name: string,
    owner: string,
    ttlMs: number,
    now: number,
  ): Promise<boolean> {
    const { rowCount } = await sql.query(
      `INSERT INTO leader_leases (name, owner, lease_until, acquired_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET
         owner = excluded.owner, lease_until = excluded.lease_until,
         acquired_at = CASE WHEN leader_leases.owner = excluded.owner
                            THEN leader_leases.acquired_at ELSE excluded.acquired_at END
       WHERE leader_leases.owner = excluded.owner OR leader_leases.lease_until <= $4`,
      [name, owner, now + ttlMs, now],
    );
    return rowCount === 1;
  }

  /** Ends `owner`'s lease `name`, if it holds it. */
  async resign(sql: Sql, name: string, owner: string): Promise<void> {
    await sql.query('DELETE FROM leader_leases WHERE name = $1 AND owner = $2', [name, owner]);
  }
}
