import type {
  Direction,
  MessageRecord,
  MessageState,
  MessageUpdate,
  NewMessage,
} from '../interfaces/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';

/**
 * A row of `messages`, as a SQL store reads it: integer columns as numbers, `network_message_ids`
 * a JSON array and `payload` a JSON column (see {@link fromJsonColumn}).
 */
export interface MessageRow {
  readonly id: string;
  readonly direction: Direction;
  readonly channel: string;
  readonly conversation_id: string;
  readonly session_key: string | null;
  readonly network_message_ids: string;
  readonly state: MessageState;
  readonly failure_code: string | null;
  readonly failure_message: string | null;
  readonly payload: string | null;
  readonly accepted_at: number;
  readonly updated_at: number;
}

/** The ledger message of `row`; NULL columns become absent fields. */
export function toMessageRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    direction: row.direction,
    conversation: { channel: row.channel, id: row.conversation_id },
    ...(row.session_key === null ? {} : { sessionKey: row.session_key }),
    networkMessageIds: JSON.parse(row.network_message_ids) as string[],
    state: row.state,
    ...(row.failure_code === null
      ? {}
      : { failure: { code: row.failure_code, message: row.failure_message ?? '' } }),
    payload: fromJsonColumn(row.payload),
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The values of a new message for `messages (id, direction, channel, conversation_id,
 * session_key, network_message_ids, payload, accepted_at, updated_at)`, in that order.
 */
export function newMessageValues(message: NewMessage, now: number): (string | number | null)[] {
  return [
    message.id,
    message.direction,
    message.conversation.channel,
    message.conversation.id,
    message.sessionKey ?? null,
    JSON.stringify(message.networkMessageIds),
    toJsonColumn(message.payload),
    message.acceptedAt,
    now,
  ];
}

/**
 * The values of `update` for an update of `messages` by id: (id, state, session_key,
 * network_message_ids, failure_code, failure_message, updated_at), in that order, NULL for what
 * the update leaves as it is (the session, the network ids) or clears (the failure).
 */
export function messageUpdateValues(
  update: MessageUpdate,
  now: number,
): (string | number | null)[] {
  return [
    update.id,
    update.state,
    update.sessionKey ?? null,
    update.networkMessageIds === undefined ? null : JSON.stringify(update.networkMessageIds),
    update.failure?.code ?? null,
    update.failure?.message ?? null,
    now,
  ];
}
