/**
 * The statements of the `cursors` table that SQLite and PostgreSQL write alike, but for how a
 * parameter is written (see `sessionStatements`). Claiming a cursor is each store's own: it hangs
 * on how the dialect answers a conflicting insert.
 */
export interface CursorStatements {
  /** The value of a cursor (name). */
  readonly get: string;
  /** Sets a cursor (name, value, updated at), whether it had a value or not. */
  readonly set: string;
}

/** The cursor statements with parameters written by `param` (1-based). */
export function cursorStatements(param: (position: number) => string): CursorStatements {
  return {
    get: `SELECT value FROM cursors WHERE name = ${param(1)}`,
    set: `
      INSERT INTO cursors (name, value, updated_at) VALUES (${param(1)}, ${param(2)}, ${param(3)})
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  };
}
