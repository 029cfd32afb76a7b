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
import type Database from 'better-sqlite3';

/** Sessions the connector opened, with the lifecycle's view of each. */
export class Sessions {
  private readonly upsertSession;
  private readonly insertOpening;
  private readonly selectSession;
  private readonly selectOpen;
  private readonly selectByTvoxId;
  private readonly selectOpening;
  private readonly countOpen;

  constructor(db: Database.Database) {
    // Either uniqueness (the key, one session not CLOSED per conversation) makes an insert of an
    // opening session a no-op.
    const values = SESSION_COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    this.upsertSession = db.prepare(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (${values}) ${SESSION_UPSERT}`,
    );
    this.insertOpening = db.prepare(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (${values}) ON CONFLICT DO NOTHING`,
    );
    this.selectSession = db.prepare<[string], SessionRow>(
      'SELECT * FROM sessions WHERE session_key = ?',
    );
    this.selectOpen = db.prepare<[string, string], SessionRow>(
      `SELECT * FROM sessions
       WHERE channel = ? AND conversation_id = ? AND status <> 'CLOSED'`,
    );
    this.selectByTvoxId = db.prepare<[string], SessionRow>(
      `SELECT * FROM sessions WHERE tvox_session_id = ?
       ORDER BY opened_at DESC, opened_after_sequence DESC LIMIT 1`,
    );
    this.selectOpening = db.prepare<[], SessionRow>(
      `SELECT * FROM sessions WHERE tvox_session_id IS NULL AND status <> 'CLOSED'
       ORDER BY opened_at`,
    );
    this.countOpen = db.prepare<[], SessionCount>(
      `SELECT status, count(*) AS count FROM sessions WHERE status <> 'CLOSED'
       GROUP BY status ORDER BY status`,
    );
  }

  /** Inserts `record`, or updates the session of its key (see `SESSION_UPSERT`). */
  put(record: SessionRecord): void {
    this.upsertSession.run(...sessionValues(record));
  }

  /**
   * Stores `opening` after the event `openedAfterSequence`, unless its key is taken or its
   * conversation has a session not CLOSED; returns the session stored, or the one in the way.
   */
  begin(opening: OpeningSession, openedAfterSequence: number): SessionRecord {
    this.insertOpening.run(...sessionValues({ ...opening, openedAfterSequence }));
    const stored = this.get(opening.sessionKey) ?? this.findOpen(opening.conversation);
    if (stored === undefined) throw new Error('a session neither stored nor in the way');
    return stored;
  }

  get(sessionKey: string): SessionRecord | undefined {
    const row = this.selectSession.get(sessionKey);
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** The session of `conversation` that is not CLOSED (there is at most one). */
  findOpen(conversation: ConversationKey): SessionRecord | undefined {
    const row = this.selectOpen.get(conversation.channel, conversation.id);
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** The newest session TVox gave `tvoxSessionId`. */
  findByTvoxId(tvoxSessionId: string): SessionRecord | undefined {
    const row = this.selectByTvoxId.get(tvoxSessionId);
    return row === undefined ? undefined : toSessionRecord(row);
  }

  /** Sessions not CLOSED without a TVox id yet, oldest first. */
  opening(): SessionRecord[] {
    return this.selectOpening.all().map(toSessionRecord);
  }

  /** Sessions not CLOSED, by status. */
  countByStatus(): SessionCount[] {
    return this.countOpen.all();
  }
}
