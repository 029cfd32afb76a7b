import type { OpeningSession } from '../interfaces/store.js';
import { SESSION_COLUMNS } from './session-row.js';

/**
 * The statements of the `sessions` table, the same SQL in SQLite and PostgreSQL but for how a
 * parameter is written (`@p1` or `$1`: numbered, so a statement may name one twice).
 */
export interface SessionStatements {
  /**
   * Inserts a record (`sessionValues`), or updates the session of its key with the record's state
   * and times, unless the record is older: a session never moves to another conversation, CLOSED
   * is terminal, and a state of an older status sequence (prepared from an older read) does not
   * replace a newer one. TVox's id and the unanswered call are `recordAnswer`'s and
   * `markOpenCall`'s: a record never sets them on a stored session, only clears the call once the
   * record has TVox's id.
   */
  readonly upsert: string;
  /**
   * Inserts an opening session (`openingValues`) after the event recorded last (the latest
   * position of TVox's stream, also after TVox started it again), its first call unanswered from
   * `openedAt`; a no-op when the key is taken or the conversation has a session not CLOSED
   * (either uniqueness).
   */
  readonly insertOpening: string;
  /**
   * Forgets the stream position sessions were opened after, when it is at or above a sequence
   * TVox gives again (from sequence): TVox started its stream again, and those positions belong
   * to the stream before, which no event of the new one is older than.
   */
  readonly forgetStreamPosition: string;
  /**
   * Stores TVox's answer to a session's `openSession` call (TVox's id, when it came, key): the id
   * unless one is stored already, and no call unanswered any more.
   */
  readonly recordAnswer: string;
  /** Notes a session's `openSession` call as unanswered (at, key), unless an earlier one is. */
  readonly markOpenCall: string;
  /** Notes that TVox answered a session's call without an id: a refusal (key). */
  readonly clearOpenCall: string;
  /** The session of a key. */
  readonly byKey: string;
  /** The session not CLOSED of a conversation (channel, conversation id). */
  readonly openOfConversation: string;
  /** `EventSessions.named` of a session id, in its order. */
  readonly named: string;
  /** `EventSessions.unanswered`, oldest first. */
  readonly unanswered: string;
  /** Sessions not CLOSED, counted by status (`SessionCount` rows). */
  readonly countOpenByStatus: string;
  /**
   * Sessions with TVox's id and not CLOSED, by key, after a key (after, limit); `''` is before
   * every key.
   */
  readonly openAnswered: string;
}

/** What {@link SessionStatements.insertOpening} fills, in its order. */
const OPENING_COLUMNS = [
  'session_key',
  'channel',
  'conversation_id',
  'service_code',
  'status',
  'status_sequence',
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
    opening.state.statusSequence,
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
        service_code = excluded.service_code, status = excluded.status,
        status_sequence = excluded.status_sequence, state = excluded.state,
        updated_at = excluded.updated_at,
        unanswered_call_at = CASE WHEN excluded.tvox_session_id IS NULL
          THEN sessions.unanswered_call_at END
      WHERE sessions.channel = excluded.channel
        AND sessions.conversation_id = excluded.conversation_id
        AND (sessions.status <> 'CLOSED' OR excluded.status = 'CLOSED')
        AND (excluded.status = 'CLOSED' OR excluded.status_sequence >= sessions.status_sequence)`,
    insertOpening: `
      INSERT INTO sessions (${OPENING_COLUMNS.join(', ')},
        tvox_session_id, tvox_id_at, opened_after_sequence, unanswered_call_at)
      VALUES (${opening}, NULL, NULL,
        coalesce((SELECT sequence FROM recorded_events
          ORDER BY recorded_at DESC, sequence DESC LIMIT 1), 0), ${openedAt})
      ON CONFLICT DO NOTHING`,
    forgetStreamPosition: `
      UPDATE sessions SET opened_after_sequence = 0 WHERE opened_after_sequence >= ${param(1)}`,
    recordAnswer: `
      UPDATE sessions SET
        tvox_id_at = CASE WHEN tvox_session_id IS NULL THEN ${param(2)} ELSE tvox_id_at END,
        tvox_session_id = coalesce(tvox_session_id, ${param(1)}),
        unanswered_call_at = NULL
      WHERE session_key = ${param(3)}`,
    markOpenCall: `
      UPDATE sessions SET unanswered_call_at = coalesce(unanswered_call_at, ${param(1)})
      WHERE session_key = ${param(2)} AND tvox_session_id IS NULL AND status <> 'CLOSED'`,
    clearOpenCall: `UPDATE sessions SET unanswered_call_at = NULL WHERE session_key = ${param(1)}`,
    byKey: `SELECT * FROM sessions WHERE session_key = ${param(1)}`,
    openOfConversation: `
      SELECT * FROM sessions
      WHERE channel = ${param(1)} AND conversation_id = ${param(2)} AND status <> 'CLOSED'`,
    named: `
      SELECT * FROM sessions
      WHERE (session_key = ${param(1)} AND tvox_session_id IS NULL)
        OR tvox_session_id = ${param(1)}
      ORDER BY status = 'CLOSED', tvox_id_at DESC NULLS LAST, opened_at DESC`,
    unanswered: `
      SELECT * FROM sessions
      WHERE tvox_session_id IS NULL AND status <> 'CLOSED' AND unanswered_call_at IS NOT NULL
      ORDER BY opened_at`,
    countOpenByStatus: `
      SELECT status, CAST(count(*) AS integer) AS count FROM sessions WHERE status <> 'CLOSED'
      GROUP BY status ORDER BY status`,
    openAnswered: `
      SELECT * FROM sessions
      WHERE status <> 'CLOSED' AND tvox_session_id IS NOT NULL AND session_key > ${param(1)}
      ORDER BY session_key LIMIT ${param(2)}`,
  };
}
