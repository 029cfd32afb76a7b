import {
  SESSION_COLUMNS,
  SESSION_UPSERT,
  sessionValues,
  toSessionRecord,
  type ConversationKey,
  type OpeningSession,
  type SessionCount,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

/** `$1, $2, …` for every column of {@link SESSION_COLUMNS}. */
const VALUES = SESSION_COLUMNS.split(',')
  .map((_, i) => `$${i + 1}`)
  .join(', ');

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions {
  /** Inserts `record`, or updates the session of its key (see `SESSION_UPSERT`). */
  async put(sql: Sql, record: SessionRecord): Promise<void> {
    await sql.query(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (${VALUES}) ${SESSION_UPSERT}`,
      sessionValues(record),
    );
  }

  /**
   * Stores `opening` after the newest event recorded so far, unless its key is taken or its
   * conversation has a session not CLOSED (either uniqueness makes the insert a no-op, and an
   * instance inserting the same at once waits for this one); resolves with the session stored,
   * or the one in the way.
   */
  async begin(sql: Sql, opening: OpeningSession): Promise<SessionRecord> {
    const { rows } = await sql.query<{ newest: number }>(
      'SELECT coalesce(max(sequence), 0) AS newest FROM recorded_events',
    );
    const openedAfterSequence = rows[0]?.newest ?? 0;
    await sql.query(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO NOTHING`,
      sessionValues({ ...opening, openedAfterSequence }),
    );
    const stored =
      (await this.get(sql, opening.sessionKey)) ?? (await this.findOpen(sql, opening.conversation));
    if (stored === undefined) throw new Error('a session neither stored nor in the way');
    return stored;
  }

  async get(sql: Sql, sessionKey: string): Promise<SessionRecord | undefined> {
    return this.one(sql, 'SELECT * FROM sessions WHERE session_key = $1', [sessionKey]);
  }

  /** The session of `conversation` that is not CLOSED (there is at most one). */
  async findOpen(sql: Sql, conversation: ConversationKey): Promise<SessionRecord | undefined> {
    return this.one(
      sql,
      `SELECT * FROM sessions WHERE channel = $1 AND conversation_id = $2 AND status <> 'CLOSED'`,
      [conversation.channel, conversation.id],
    );
  }

  /** The newest session TVox gave `tvoxSessionId`. */
  async findByTvoxId(sql: Sql, tvoxSessionId: string): Promise<SessionRecord | undefined> {
    return this.one(
      sql,
      `SELECT * FROM sessions WHERE tvox_session_id = $1
       ORDER BY opened_at DESC, opened_after_sequence DESC LIMIT 1`,
      [tvoxSessionId],
    );
  }

  /** Sessions not CLOSED without a TVox id yet, oldest first. */
  async opening(sql: Sql): Promise<SessionRecord[]> {
    const { rows } = await sql.query<SessionRow>(
      `SELECT * FROM sessions WHERE tvox_session_id IS NULL AND status <> 'CLOSED'
       ORDER BY opened_at`,
    );
    return rows.map(toSessionRecord);
  }

  /** Sessions not CLOSED, by status. */
  async countByStatus(sql: Sql): Promise<SessionCount[]> {
    const { rows } = await sql.query<SessionCount>(
      `SELECT status, count(*)::int AS count FROM sessions WHERE status <> 'CLOSED'
       GROUP BY status ORDER BY status`,
    );
    return rows;
  }

  private async one(
    sql: Sql,
    text: string,
    values: readonly unknown[],
  ): Promise<SessionRecord | undefined> {
    const { rows } = await sql.query<SessionRow>(text, values);
    return rows[0] === undefined ? undefined : toSessionRecord(rows[0]);
  }
}
