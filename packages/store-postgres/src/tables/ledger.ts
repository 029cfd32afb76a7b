import {
  RECEIPT_FROM_STATES,
  messageFilters,
  messageUpdateValues,
  newMessageValues,
  toMessageRecord,
  type ConversationKey,
  type MessageQuery,
  type MessageRecord,
  type MessageRow,
  type MessageUpdate,
  type NewMessage,
} from '@tvox-connector/core';
import type { Sql } from '../database/pool.js';

/**
 * Indexes the network ids `ids` (an SQL text array) of the message the statement wrote (its CTE
 * `written`) for receipts.
 */
function indexNetworkIds(ids: string): string {
  return `
    INSERT INTO message_network_ids (channel, conversation_id, network_message_id, message_id)
    SELECT m.channel, m.conversation_id, n, m.id FROM written m, unnest(${ids}::text[]) AS n
    ON CONFLICT DO NOTHING`;
}

/** The message ledger and its network-id index for receipts. */
export class Ledger {
  /** Adds `message` in state `accepted`; false (and nothing written) when its id is known. */
  async insert(sql: Sql, message: NewMessage, now: number): Promise<boolean> {
    // Parameters in the order of `newMessageValues`, then the network ids to index.
    const { rows } = await sql.query<{ written: number }>(
      `WITH written AS (
         INSERT INTO messages (id, direction, channel, conversation_id, session_key,
           network_message_ids, state, payload, accepted_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'accepted', $7, $8, $9)
         ON CONFLICT (id) DO NOTHING
         RETURNING id, channel, conversation_id),
       indexed AS (${indexNetworkIds('$10')})
       SELECT count(*)::integer AS written FROM written`,
      [...newMessageValues(message, now), message.networkMessageIds],
    );
    return rows[0]?.written === 1;
  }

  /**
   * Applies `update`: the state and failure as given (no failure clears it), the session and
   * network ids when given. An unknown id changes nothing.
   */
  async update(sql: Sql, update: MessageUpdate, now: number): Promise<void> {
    const ids = update.networkMessageIds;
    // Parameters in the order of `messageUpdateValues`, then the network ids to index.
    await sql.query(
      `WITH written AS (
         UPDATE messages SET state = $2,
           session_key = coalesce($3, session_key),
           network_message_ids = coalesce($4, network_message_ids),
           failure_code = $5, failure_message = $6, updated_at = $7
         WHERE id = $1
         RETURNING id, channel, conversation_id),
       unindexed AS (
         DELETE FROM message_network_ids WHERE $8::text[] IS NOT NULL AND message_id = $1
           AND NOT (network_message_id = ANY ($8::text[]))),
       indexed AS (${indexNetworkIds('coalesce($8, ARRAY[]::text[])')})
       SELECT 1`,
      [...messageUpdateValues(update, now), ids ?? null],
    );
  }

  async get(sql: Sql, id: string): Promise<MessageRecord | undefined> {
    const { rows } = await sql.query<MessageRow>('SELECT * FROM messages WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : toMessageRecord(rows[0]);
  }

  /** Messages matching every filter of `query`, newest first. */
  async list(sql: Sql, query: MessageQuery): Promise<MessageRecord[]> {
    const { where, values } = messageFilters(query, (position) => `$${position}`);
    const { rows } = await sql.query<MessageRow>(
      `SELECT * FROM messages ${where} ORDER BY accepted_at DESC, position DESC
       LIMIT $${values.length + 1}`,
      [...values, query.limit ?? null],
    );
    return rows.map(toMessageRecord);
  }

  /** Moves the outbound messages carrying any of `networkMessageIds` forward to `state`. */
  async applyReceipts(
    sql: Sql,
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
    state: 'delivered' | 'read',
    now: number,
  ): Promise<number> {
    const { rowCount } = await sql.query(
      `UPDATE messages SET state = $1, updated_at = $2
       WHERE direction = 'outbound' AND state = ANY ($3::text[])
         AND id IN (
           SELECT message_id FROM message_network_ids
           WHERE channel = $4 AND conversation_id = $5
             AND network_message_id = ANY ($6::text[]))`,
      [
        state,
        now,
        RECEIPT_FROM_STATES[state],
        conversation.channel,
        conversation.id,
        networkMessageIds,
      ],
    );
    return rowCount ?? 0;
  }

  /**
   * Clears the payloads of up to `limit` messages done with before `before`, oldest first; how
   * many. Rows another instance is clearing at the same moment are skipped, not waited for.
   */
  async clearPayloads(sql: Sql, before: number, limit: number): Promise<number> {
    const { rowCount } = await sql.query(
      `UPDATE messages SET payload = NULL WHERE id IN (
         SELECT id FROM messages
         WHERE payload IS NOT NULL AND updated_at < $1
           AND state IN ('sent', 'delivered', 'read', 'failed')
         ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
