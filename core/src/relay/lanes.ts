import { formatConversationKey, type ConversationKey } from '../model/conversation.js';

/**
 * Ordering lanes and ledger ids of the relay, in one place. A lane's jobs run one at a time in
 * order: customer messages of a conversation, events of a TVox session id, and deliveries to a
 * customer each have their own lane, so a slow network never holds back what goes to TVox.
 */
export const lanes = {
  inbound: (conversation: ConversationKey): string => `in:${formatConversationKey(conversation)}`,
  outbound: (conversation: ConversationKey): string => `out:${formatConversationKey(conversation)}`,
  /** Events are placed when they are stored, before they are matched to a session: by TVox's id. */
  events: (tvoxSessionId: string): string => `session:${tvoxSessionId}`,
  /** The statuses TVox answered for a followed routing session, by the connector's key. */
  status: (sessionKey: string): string => `status:${sessionKey}`,
  /** TVox events the profile could not read, replayed one after the other. */
  unreadableEvents: 'events:unreadable',
} as const;

/**
 * Ledger ids: also the idempotency keys sent on (`messageId` to TVox, to the network). Those of
 * TVox's messages and notices name the session by the connector's key, never by TVox's id: TVox
 * may give an id again after a restart, and a new message must not look like one already known.
 */
export const ledgerIds = {
  /** Message ids of many networks are unique only within a chat, so the chat is part of it. */
  inbound: (conversation: ConversationKey, networkMessageId: string): string =>
    `in:${formatConversationKey(conversation)}:${networkMessageId}`,
  agentMessage: (sessionKey: string, messageId: string): string => `out:${sessionKey}:${messageId}`,
  notice: (sessionKey: string, sequence: number): string => `notice:${sessionKey}:${sequence}`,
  /** A notice a polled status report caused: the report's job names it, once. */
  reportNotice: (sessionKey: string, jobId: string): string =>
    `notice:${sessionKey}:report:${jobId}`,
} as const;

/**
 * The store cursor keeping the address-book contact TVox answered for a conversation
 * (`contactId`), sent again with the conversation's next sessions.
 */
export function contactCursor(conversation: ConversationKey): string {
  return `tvox:contact:${formatConversationKey(conversation)}`;
}
