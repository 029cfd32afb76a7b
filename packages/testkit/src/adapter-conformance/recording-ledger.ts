import type { MessageQuery, MessageRecord, OutboundMessage } from '@tvox-connector/core';

/**
 * Core's ledger of outbound messages, in memory, as the relay keeps it around a send: a message
 * is recorded `accepted` before the adapter is asked to send it, and `sent` with the network's
 * ids after. `messages` reads it as `Relay#messages` does, for adapters that send a returning
 * customer what they missed.
 */
export class RecordingLedger {
  private readonly records: MessageRecord[] = [];

  /** Records an agent's message as accepted, before it is sent. */
  record(message: OutboundMessage): void {
    const now = Date.now();
    this.records.push({
      id: message.messageId,
      direction: 'outbound',
      conversation: message.conversation,
      networkMessageIds: [],
      state: 'accepted',
      payload: message,
      acceptedAt: now,
      updatedAt: now,
    });
  }

  /** Marks a recorded message sent, with the ids the network gave it. */
  sent(messageId: string, networkMessageIds: readonly string[]): void {
    const index = this.records.findIndex((r) => r.id === messageId);
    const record = this.records[index];
    if (record === undefined) throw new Error(`message ${messageId} is not in the ledger`);
    this.records[index] = { ...record, state: 'sent', networkMessageIds, updatedAt: Date.now() };
  }

  /** Messages matching `query`, newest first. */
  async messages(query: MessageQuery): Promise<MessageRecord[]> {
    const matching = this.records
      .filter(
        (r) =>
          (query.conversation === undefined ||
            (r.conversation.channel === query.conversation.channel &&
              r.conversation.id === query.conversation.id)) &&
          (query.sessionKey === undefined || r.sessionKey === query.sessionKey) &&
          (query.direction === undefined || r.direction === query.direction) &&
          (query.state === undefined || r.state === query.state),
      )
      .reverse();
    return query.limit === undefined ? matching : matching.slice(0, query.limit);
  }
}
