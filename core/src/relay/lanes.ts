import { formatConversationKey, type ConversationKey } from '../model/conversation.js';

/**
 * Ordering lanes and ledger ids of the relay, in one place. A lane's jobs run one at a time in
 * order: customer messages of a conversation, events of a session, and deliveries to a customer
 * each have their own lane, so a slow network never holds back what goes to TVox.
 */
export const lanes = {
  inbound: (conversation: ConversationKey): string => `in:${formatConversationKey(conversation)}`,
  outbound: (conversation: ConversationKey): string => `out:${formatConversationKey(conversation)}`,
  events: (sessionId: string): string => `session:${sessionId}`,
} as const;

/** Ledger ids: also the idempotency keys sent on (`messageId` to TVox, to the network). */
export const ledgerIds = {
  /** Message ids of many networks are unique only within a chat, so the chat is part of it. */
  inbound: (conversation: ConversationKey, networkMessageId: string): string =>
    `in:${formatConversationKey(conversation)}:${networkMessageId}`,
  agentMessage: (sessionId: string, messageId: string): string => `out:${sessionId}:${messageId}`,
  notice: (sessionId: string, sequence: number): string => `notice:${sessionId}:${sequence}`,
} as const;
