import type { ConversationKey, MessageQuery, MessageRecord } from '@tvox-connector/core';

/** How many of a conversation's latest outbound messages a watermark is matched against. */
const WATERMARK_LOOKBACK = 50;

/** The part of core's ledger an adapter reads: what it sent, to match read watermarks with. */
export interface SentLedger {
  messages(query: MessageQuery): Promise<MessageRecord[]>;
}

/**
 * The network ids of the business's messages in `conversation` that a watermark covers and that
 * are not yet `status`: sent (by the ledger's clock) at or before it. Meta's watermark is its own
 * clock's; the ledger's time of sending comes after Meta took the message, so a message is
 * counted only once Meta had it. Messenger reports reads by a watermark, Instagram by the moment
 * of the read.
 */
export async function sentUpTo(
  ledger: SentLedger,
  conversation: ConversationKey,
  watermark: number,
  status: 'delivered' | 'read',
): Promise<string[]> {
  const from = status === 'read' ? ['sent', 'delivered'] : ['sent'];
  const records = await ledger.messages({
    conversation,
    direction: 'outbound',
    limit: WATERMARK_LOOKBACK,
  });
  return records
    .filter((record) => from.includes(record.state) && record.updatedAt <= watermark)
    .flatMap((record) => record.networkMessageIds);
}
