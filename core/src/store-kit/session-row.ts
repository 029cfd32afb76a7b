import type { SessionRecord } from '../interfaces/store.js';
import type { SessionState } from '../lifecycle/session-lifecycle.js';

/**
 * A row of `sessions`, as a SQL store reads it: `state` the JSON of the lifecycle's state, and
 * `status` (its status again, so that sessions not CLOSED can be indexed) left out.
 */
export interface SessionRow {
  readonly session_key: string;
  readonly tvox_session_id: string | null;
  readonly channel: string;
  readonly conversation_id: string;
  readonly service_code: string;
  readonly state: string;
  readonly opened_after_sequence: number;
  readonly opened_at: number;
  readonly updated_at: number;
}

/** The session of `row`. */
export function toSessionRecord(row: SessionRow): SessionRecord {
  return {
    sessionKey: row.session_key,
    ...(row.tvox_session_id === null ? {} : { tvoxSessionId: row.tvox_session_id }),
    conversation: { channel: row.channel, id: row.conversation_id },
    serviceCode: row.service_code,
    state: JSON.parse(row.state) as SessionState,
    openedAfterSequence: row.opened_after_sequence,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

/** The columns {@link sessionValues} fills, in its order, for an `INSERT INTO sessions`. */
export const SESSION_COLUMNS =
  'session_key, tvox_session_id, channel, conversation_id, service_code, status, state, ' +
  'opened_after_sequence, opened_at, updated_at';

/** The values of `record` for {@link SESSION_COLUMNS}, in that order. */
export function sessionValues(record: SessionRecord): (string | number | null)[] {
  return [
    record.sessionKey,
    record.tvoxSessionId ?? null,
    record.conversation.channel,
    record.conversation.id,
    record.serviceCode,
    record.state.status,
    JSON.stringify(record.state),
    record.openedAfterSequence,
    record.openedAt,
    record.updatedAt,
  ];
}

/**
 * What an `INSERT INTO sessions` of a record does when its key is stored already (the same SQL in
 * SQLite and PostgreSQL): the state and times are replaced, but a session never moves to another
 * conversation, a TVox id once stored is kept (a record read before TVox answered cannot erase
 * it), and CLOSED is terminal (a record prepared from an older read cannot reopen a session).
 */
export const SESSION_UPSERT = `
  ON CONFLICT (session_key) DO UPDATE SET
    tvox_session_id = coalesce(sessions.tvox_session_id, excluded.tvox_session_id),
    service_code = excluded.service_code, status = excluded.status, state = excluded.state,
    updated_at = excluded.updated_at
  WHERE sessions.channel = excluded.channel
    AND sessions.conversation_id = excluded.conversation_id
    AND (sessions.status <> 'CLOSED' OR excluded.status = 'CLOSED')`;
