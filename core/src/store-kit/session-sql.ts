import type { OpeningSession } from '../interfaces/store.js';
import { SESSION_COLUMNS } from './session-row.js';

/**
 * The statements of the `sessions` table, the same SQL in SQLite and PostgreSQL but for how a
 * parameter is written (`@p1` or `$1`: numbered, so a statement may name one twice).
 */
export interface SessionStatements {
  /**
   * Inserts a record (`sessionValues`), or updates the session of its key: the state and times
   * are replaced, but a session never moves to another conversation, a TVox id once stored is
   * kept with the time it was stored (a record read before TVox answered cannot erase it), a
   * session with its TVox id has no unanswered call, and CLOSED is terminal (a record prepared
   * from an older read cannot reopen a session).
   */
  readonly upsert: string;
  /**
   * Inserts an opening session (`openingValues`) after the newest event recorded, its first call
   * unanswered from `openedAt`; a no-op when the key is taken or the conversation has a session
   * not CLOSED (either uniqueness).
   */
  readonly insertOpening: string;
  /** The session of a key. */
  readonly byKey: string;
  /** The session not CLOSED of a conversation (channel, conversation id). */
  readonly openOfConversation: string;
  /** `EventSessions.named` of a session id, in its order. */
  readonly named: string;
  /** `EventSessions.unanswered`, oldest first. */
  readonly unanswered: string;
  /** Sets an opening session's unanswered call (at, key). */
  readonly markOpenCall: string;
  /** Sessions not CLOSED, counted by status (`SessionCount` rows). */
  readonly countOpenByStatus: string;
}

/** What {@link SessionStatements.insertOpening} fills, in its order. */
const OPENING_COLUMNS = [
  'session_key',
  'channel',
  'conversation_id',
  'service_code',
  'status',
  'state',
  'opened_at',
  'updated_at',
] as const;

/** The values of `opening` for {@link SessionStatements.insertOpening}. */
export function openingValues(opening: OpeningSession): (string | number)[] {
  return [
    opening.sessionKey,
    opening.conversation.channel,
    opening.conversation.id,
    opening.serviceCode,
    opening.state.status,
    JSON.stringify(opening.state),
    opening.openedAt,
    opening.updatedAt,
  ];
}

/** The session statements with parameters written by `param` (1-based). */
export function sessionStatements(param: (position: number) => string): SessionStatements {
  const all = SESSION_COLUMNS.map((_, i) => param(i + 1)).join(', ');
  const opening = OPENING_COLUMNS.map((_, i) => param(i + 1)).join(', ');
  const openedAt = param(OPENING_COLUMNS.indexOf('opened_at') + 1);
  return {
    upsert: `
      INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) VALUES (${all})
      ON CONFLICT (session_key) DO UPDATE SET
        tvox_session_id = coalesce(sessions.tvox_session_id, excluded.tvox_session_id),
        tvox_id_at = CASE WHEN sessions.tvox_session_id IS NULL AND excluded.tvox_session_id IS NOT NULL
          THEN coalesce(excluded.tvox_id_at, excluded.updated_at) ELSE sessions.tvox_id_at END,
        unanswered_call_at = CASE
          WHEN coalesce(sessions.tvox_session_id, excluded.tvox_session_id) IS NULL
          THEN excluded.unanswered_call_at END,
        service_code = excluded.service_code, status = excluded.status, state = excluded.state,
        updated_at = excluded.updated_at
      WHERE sessions.channel = excluded.channel
        AND sessions.conversation_id = excluded.conversation_id
        AND (sessions.status <> 'CLOSED' OR excluded.status = 'CLOSED')`,
    insertOpening: `
      INSERT INTO sessions (${OPENING_COLUMNS.join(', ')},
        tvox_session_id, tvox_id_at, opened_after_sequence, unanswered_call_at)
      VALUES (${opening}, NULL, NULL,
        coalesce((SELECT max(sequence) FROM recorded_events), 0), ${openedAt})
      ON CONFLICT DO NOTHING`,
    byKey: `SELECT * FROM sessions WHERE session_key = ${param(1)}`,
    openOfConversation: `
      SELECT * FROM sessions
      WHERE channel = ${param(1)} AND conversation_id = ${param(2)} AND status <> 'CLOSED'`,
    named: `
      SELECT * FROM sessions WHERE session_key = ${param(1)} OR tvox_session_id = ${param(1)}
      ORDER BY status = 'CLOSED', tvox_id_at DESC NULLS LAST, opened_at DESC`,
    unanswered: `
      SELECT * FROM sessions
      WHERE tvox_session_id IS NULL AND status <> 'CLOSED' AND unanswered_call_at IS NOT NULL
      ORDER BY opened_at`,
    markOpenCall: `
      UPDATE sessions SET unanswered_call_at = ${param(1)}
      WHERE session_key = ${param(2)} AND tvox_session_id IS NULL AND status <> 'CLOSED'`,
    countOpenByStatus: `
      SELECT status, CAST(count(*) AS integer) AS count FROM sessions WHERE status <> 'CLOSED'
      GROUP BY status ORDER BY status`,
  };
}
