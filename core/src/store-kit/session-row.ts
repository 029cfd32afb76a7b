import type { SessionRecord } from '../interfaces/store.js';
import type { SessionState } from '../lifecycle/session-lifecycle.js';

/** A row of `sessions`, as a SQL store reads it: `state` the JSON of the lifecycle's state. */
export interface SessionRow {
  readonly session_id: string;
  readonly channel: string;
  readonly conversation_id: string;
  readonly service_code: string;
  readonly state: string;
  readonly opened_at: number;
  readonly updated_at: number;
}

/** The session of `row`. */
export function toSessionRecord(row: SessionRow): SessionRecord {
  return {
    sessionId: row.session_id,
    conversation: { channel: row.channel, id: row.conversation_id },
    serviceCode: row.service_code,
    state: JSON.parse(row.state) as SessionState,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}
