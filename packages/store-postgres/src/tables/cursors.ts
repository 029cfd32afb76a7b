import { cursorStatements } from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

const SQL = cursorStatements((position) => `$${position}`);

/** Named positions (TVox's event poll sequence, a network's poll offset). */
export class Cursors {
  async get(sql: Sql, name: string): Promise<string | undefined> {
    const { rows } = await sql.query<{ value: string }>(SQL.get, [name]);
    return rows[0]?.value;
  }

  /** Sets the cursor unless it has a value; the value it has then (one statement, atomic). */
  async claim(sql: Sql, name: string, value: string, now: number): Promise<string> {
    // DO UPDATE (to the stored value) rather than DO NOTHING: it waits for a concurrent
    // insert to commit and returns that row, which a read in this statement's snapshot would miss.
    const { rows } = await sql.query<{ value: string }>(
      `INSERT INTO cursors (name, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET value = cursors.value RETURNING value`,
      [name, value, now],
    );
    return rows[0]?.value ?? value;
  }

  async set(sql: Sql, name: string, value: string, now: number): Promise<void> {
    await sql.query(SQL.set, [name, value, now]);
  }
}
