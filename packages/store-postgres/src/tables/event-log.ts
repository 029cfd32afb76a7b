import type { EventLogEntry } from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

/** The TVox events already recorded, by sequence and key: the durable dedupe of events. */
export class EventLog {
  /** The keys recorded under each of `sequences` that has any. */
  async keysOf(sql: Sql, sequences: readonly number[]): Promise<Map<number, string[]>> {
    const { rows } = await sql.query<{ sequence: number; event_key: string }>(
      `SELECT sequence, event_key FROM recorded_events WHERE sequence = ANY($1::bigint[])`,
      [sequences],
    );
    const keys = new Map<number, string[]>();
    for (const row of rows)
      keys.set(row.sequence, [...(keys.get(row.sequence) ?? []), row.event_key]);
    return keys;
  }

  /**
   * Records `entries`; resolves with those that were not recorded before, named
   * `` `${sequence}\n${key}` ``. Another instance recording the same at the same time waits for
   * this one, then finds it recorded.
   */
  async record(sql: Sql, entries: readonly EventLogEntry[], now: number): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const { rows } = await sql.query<{ sequence: number; event_key: string }>(
      `INSERT INTO recorded_events (sequence, event_key, recorded_at)
       SELECT s, k, $3::bigint FROM unnest($1::bigint[], $2::text[]) AS e(s, k)
       ON CONFLICT DO NOTHING
       RETURNING sequence, event_key`,
      [entries.map((e) => e.sequence), entries.map((e) => e.key), now],
    );
    return new Set(rows.map((row) => `${row.sequence}\n${row.event_key}`));
  }

  /**
   * Deletes up to `limit` entries recorded before `before`, oldest first; how many. Rows another
   * instance is deleting at the same moment are skipped, not waited for.
   */
  async prune(sql: Sql, before: number, limit: number): Promise<number> {
    const { rowCount } = await sql.query(
      `DELETE FROM recorded_events WHERE ctid IN (
         SELECT ctid FROM recorded_events WHERE recorded_at < $1
         ORDER BY recorded_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
