import {
  toSessionRecord,
  type ConversationKey,
  type SessionCount,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions {
  /** Inserts `record`, or replaces the session of the same id unless that one is CLOSED. */
  async put(sql: Sql, record: SessionRecord): Promise<void> {
    await sql.query(
      `INSERT INTO sessions (session_id, channel, conversation_id, service_code, status, state,
         opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id) DO UPDATE SET
         channel = excluded.channel, conversation_id = excluded.conversation_id,
         service_code = excluded.service_code, status = excluded.status, state = excluded.state,
         opened_at = excluded.opened_at, updated_at = excluded.updated_at
       -- CLOSED is terminal: a write prepared from an older read cannot reopen a session.
       WHERE sessions.status <> 'CLOSED' OR excluded.status = 'CLOSED'`,
      [
        record.sessionId,
        record.conversation.channel,
        record.conversation.id,
        record.serviceCode,
        record.state.status,
        JSON.stringify(record.state),
        record.openedAt,
        record.updatedAt,
      ],
    );
  }

  async get(sql: Sql, sessionId: string): Promise<SessionRecord | undefined> {
    const { rows } = await sql.query<SessionRow>('SELECT * FROM sessions WHERE session_id = $1', [
      sessionId,
    ]);
    return rows[0] === undefined ? undefined : toSessionRecord(rows[0]);
  }

  /** The newest session of `conversation` that is not CLOSED. */
  async findOpen(sql: Sql, conversation: ConversationKey): Promise<SessionRecord | undefined> {
    const { rows } = await sql.query<SessionRow>(
      `SELECT * FROM sessions
       WHERE channel = $1 AND conversation_id = $2 AND status <> 'CLOSED'
       ORDER BY opened_at DESC LIMIT 1`,
      [conversation.channel, conversation.id],
    );
    return rows[0] === undefined ? undefined : toSessionRecord(rows[0]);
  }

  /** Sessions not CLOSED, by status. */
  async countByStatus(sql: Sql): Promise<SessionCount[]> {
    const { rows } = await sql.query<SessionCount>(
      `SELECT status, count(*)::int AS count FROM sessions WHERE status <> 'CLOSED'
       GROUP BY status ORDER BY status`,
    );
    return rows;
  }
}
