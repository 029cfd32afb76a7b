import type { Sql } from '../database/pool.js';

/** Named positions (TVox's event poll sequence, a network's poll offset). */
export class Cursors {
  async get(sql: Sql, name: string): Promise<string | undefined> {
    const { rows } = await sql.query<{ value: string }>(
      'SELECT value FROM cursors WHERE name = $1',
      [name],
    );
    return rows[0]?.value;
  }

  async set(sql: Sql, name: string, value: string, now: number): Promise<void> {
    await sql.query(
      `INSERT INTO cursors (name, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [name, value, now],
    );
  }
}
