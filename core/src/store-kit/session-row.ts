import type { SessionRecord } from '../interfaces/store.js';
import type { SessionState } from '../lifecycle/session-lifecycle.js';

/**
 * A row of `sessions`, as a SQL store reads it: `state` the JSON of the lifecycle's state;
 * `status` and `status_sequence` (its status and sequence again, for indexes and for the upsert's
 * guard) left out.
 */
export interface SessionRow {
  readonly session_key: string;
  readonly tvox_session_id: string | null;
  readonly channel: string;
  readonly conversation_id: string;
  readonly service_code: string;
  readonly state: string;
  readonly opened_after_sequence: number;
  readonly tvox_id_at: number | null;
  readonly unanswered_call_at: number | null;
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
    ...(row.tvox_id_at === null ? {} : { tvoxIdAt: row.tvox_id_at }),
    ...(row.unanswered_call_at === null ? {} : { unansweredCallAt: row.unanswered_call_at }),
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

/** The columns {@link sessionValues} fills, in its order, for an `INSERT INTO sessions`. */
export const SESSION_COLUMNS = [
  'session_key',
  'tvox_session_id',
  'channel',
  'conversation_id',
  'service_code',
  'status',
  'status_sequence',
  'state',
  'opened_after_sequence',
  'tvox_id_at',
  'unanswered_call_at',
  'opened_at',
  'updated_at',
] as const;

/** The values of `record` for {@link SESSION_COLUMNS}, in that order. */
export function sessionValues(record: SessionRecord): (string | number | null)[] {
  return [
    record.sessionKey,
    record.tvoxSessionId ?? null,
    record.conversation.channel,
    record.conversation.id,
    record.serviceCode,
    record.state.status,
    record.state.statusSequence,
    JSON.stringify(record.state),
    record.openedAfterSequence,
    record.tvoxIdAt ?? null,
    record.unansweredCallAt ?? null,
    record.openedAt,
    record.updatedAt,
  ];
}
