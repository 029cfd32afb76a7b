import {
  RECEIPT_FROM_STATES,
  messageFilters,
  messageUpdateValues,
  newMessageValues,
  toMessageRecord,
  type ConversationKey,
  type LedgerTable,
  type MessageQuery,
  type MessageRecord,
  type MessageRow,
  type MessageUpdate,
  type NewMessage,
} from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { marker, numbered, type Numbered } from '../database/numbered.js';

/** The message ledger and its network-id index for receipts. */
export class Ledger implements LedgerTable {
  private readonly insertMessage;
  private readonly updateMessage;
  private readonly selectMessage;
  private readonly deleteNetworkIds;
  private readonly insertNetworkId;
  private readonly receipt;
  private readonly clearPayload;
  private readonly queries = new Map<string, Database.Statement<[Numbered], MessageRow>>();

  constructor(private readonly db: Database.Database) {
    // Parameters in the order of `newMessageValues`.
    this.insertMessage = db.prepare<[Numbered]>(
      `INSERT INTO messages (id, direction, channel, conversation_id, session_key,
         network_message_ids, state, payload, accepted_at, updated_at)
       VALUES (@p1, @p2, @p3, @p4, @p5, @p6, 'accepted', @p7, @p8, @p9)
       ON CONFLICT (id) DO NOTHING`,
    );
    // Parameters in the order of `messageUpdateValues`.
    this.updateMessage = db.prepare<[Numbered], Pick<MessageRow, 'channel' | 'conversation_id'>>(
      `UPDATE messages SET state = @p2,
         session_key = coalesce(@p3, session_key),
         network_message_ids = coalesce(@p4, network_message_ids),
         failure_code = @p5, failure_message = @p6, updated_at = @p7
       WHERE id = @p1
       RETURNING channel, conversation_id`,
    );
    this.selectMessage = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
    this.clearPayload = db.prepare<[number, number]>(
      `UPDATE messages SET payload = NULL WHERE rowid IN (
         SELECT rowid FROM messages
         WHERE payload IS NOT NULL AND updated_at < ?
           AND state IN ('sent', 'delivered', 'read', 'failed')
         ORDER BY updated_at LIMIT ?)`,
    );
    this.deleteNetworkIds = db.prepare<[string]>(
      'DELETE FROM message_network_ids WHERE message_id = ?',
    );
    this.insertNetworkId = db.prepare<[object]>(
      `INSERT OR IGNORE INTO message_network_ids
         (channel, conversation_id, network_message_id, message_id)
       VALUES (@channel, @conversationId, @networkMessageId, @messageId)`,
    );
    this.receipt = db.prepare<[object]>(
      `UPDATE messages SET state = @state, updated_at = @now
       WHERE direction = 'outbound'
         AND state IN (SELECT value FROM json_each(@from))
         AND id IN (
           SELECT message_id FROM message_network_ids
           WHERE channel = @channel AND conversation_id = @conversationId
             AND network_message_id IN (SELECT value FROM json_each(@ids)))`,
    );
  }

  /** Adds `message` in state `accepted`; false (and nothing written) when its id is known. */
  insert(message: NewMessage, now: number): boolean {
    const { changes } = this.insertMessage.run(numbered(newMessageValues(message, now)));
    if (changes === 0) return false;
    this.indexNetworkIds(message.id, message.conversation, message.networkMessageIds);
    return true;
  }

  /**
   * Applies `update`: the state and failure as given (no failure clears it), the session and
   * network ids when given. An unknown id changes nothing.
   */
  update(update: MessageUpdate, now: number): void {
    const row = this.updateMessage.get(numbered(messageUpdateValues(update, now)));
    if (row === undefined || update.networkMessageIds === undefined) return;
    this.deleteNetworkIds.run(update.id);
    const conversation = { channel: row.channel, id: row.conversation_id };
    this.indexNetworkIds(update.id, conversation, update.networkMessageIds);
  }

  get(id: string): MessageRecord | undefined {
    const row = this.selectMessage.get(id);
    return row === undefined ? undefined : toMessageRecord(row);
  }

  /** Messages matching every filter of `query`, newest first. */
  list(query: MessageQuery): MessageRecord[] {
    const { where, values } = messageFilters(query, marker);
    const limit = marker(values.length + 1);
    const sql = `SELECT * FROM messages ${where} ORDER BY accepted_at DESC, rowid DESC LIMIT ${limit}`;
    return this.query(sql)
      .all(numbered([...values, query.limit ?? -1]))
      .map(toMessageRecord);
  }

  /** Moves the outbound messages carrying any of `networkMessageIds` forward to `state`. */
  applyReceipts(
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
    state: 'delivered' | 'read',
    now: number,
  ): number {
    return this.receipt.run({
      state,
      now,
      from: JSON.stringify(RECEIPT_FROM_STATES[state]),
      channel: conversation.channel,
      conversationId: conversation.id,
      ids: JSON.stringify(networkMessageIds),
    }).changes;
  }

  private indexNetworkIds(
    messageId: string,
    conversation: ConversationKey,
    networkMessageIds: readonly string[],
  ): void {
    for (const networkMessageId of networkMessageIds) {
      this.insertNetworkId.run({
        channel: conversation.channel,
        conversationId: conversation.id,
        networkMessageId,
        messageId,
      });
    }
  }

  /** One prepared statement per combination of filters (at most sixteen). */
  private query(sql: string): Database.Statement<[Numbered], MessageRow> {
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare<[Numbered], MessageRow>(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }

  /** Clears the payloads of up to `limit` messages done with before `before`; how many. */
  clearPayloads(before: number, limit: number): number {
    return this.clearPayload.run(before, limit).changes;
  }
}
