import type { Sql } from '../database/pool.js';

/** The TVox event sequences already recorded: the durable dedupe of events. */
export class EventLog {
  /**
   * Records `sequences`; resolves with those that were not recorded before. Another instance
   * recording the same sequence at the same time waits for this one, then finds it recorded.
   */
  async record(sql: Sql, sequences: readonly number[], now: number): Promise<Set<number>> {
    const { rows } = await sql.query<{ sequence: number }>(
      `INSERT INTO recorded_events (sequence, recorded_at)
       SELECT DISTINCT s, $2::bigint FROM unnest($1::bigint[]) AS s
       ON CONFLICT DO NOTHING
       RETURNING sequence`,
      [sequences, now],
    );
    return new Set(rows.map((row) => row.sequence));
  }
}
