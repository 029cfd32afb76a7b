import {
  toSessionRecord,
  type ConversationKey,
  type SessionCount,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions {
  private readonly upsertSession;
  private readonly selectSession;
  private readonly selectOpen;
  private readonly countOpen;

  constructor(db: Database.Database) {
    this.upsertSession = db.prepare<[object]>(
      `INSERT INTO sessions (session_id, channel, conversation_id, service_code, status, state,
         opened_at, updated_at)
       VALUES (@sessionId, @channel, @conversationId, @serviceCode, @status, @state,
         @openedAt, @updatedAt)
       ON CONFLICT (session_id) DO UPDATE SET
         channel = excluded.channel, conversation_id = excluded.conversation_id,
         service_code = excluded.service_code, status = excluded.status, state = excluded.state,
         opened_at = excluded.opened_at, updated_at = excluded.updated_at
       -- CLOSED is terminal: a write prepared from an older read cannot reopen a session.
       WHERE sessions.status <> 'CLOSED' OR excluded.status = 'CLOSED'`,
    );
    this.selectSession = db.prepare<[string], SessionRow>(
      'SELECT * FROM sessions WHERE session_id = ?',
    );
    this.selectOpen = db.prepare<[object], SessionRow>(
      `SELECT * FROM sessions
       WHERE channel = @channel AND conversation_id = @conversationId AND status <> 'CLOSED'
       ORDER BY opened_at DESC LIMIT 1`,
    );
    this.countOpen = db.prepare<[], SessionCount>(
      `SELECT status, count(*) AS count FROM sessions WHERE status <> 'CLOSED'
       GROUP BY status ORDER BY status`,
    );
  }

  /** Inserts `record`, or replaces the session of the same id. */
  put(record: SessionRecord): void {
    this.upsertSession.run({
      sessionId: record.sessionId,
      channel: record.conversation.channel,
      conversationId: record.conversation.id,
      serviceCode: record.serviceCode,
      status: record.state.status,
      state: JSON.stringify(record.state),
      openedAt: record.openedAt,
      updatedAt: record.updatedAt,
    });
  }

  get(sessionId: string): SessionRecord | undefined {
    const row = this.selectSession.get(sessionId);
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** The newest session of `conversation` that is not CLOSED. */
  findOpen(conversation: ConversationKey): SessionRecord | undefined {
    const row = this.selectOpen.get({
      channel: conversation.channel,
      conversationId: conversation.id,
    });
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** Sessions not CLOSED, by status. */
  countByStatus(): SessionCount[] {
    return this.countOpen.all();
  }
}
