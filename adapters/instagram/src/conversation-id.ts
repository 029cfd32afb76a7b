import { readScopedConversationId, scopedConversationId } from '@tvox-connector/meta-graph';

/**
 * A conversation on Instagram Direct: the business's Instagram account, and the customer's
 * Instagram-scoped id (IGSID) on it.
 */
export interface AccountConversation {
  readonly accountId: string;
  readonly igsid: string;
}

/**
 * The conversation id core keys an Instagram conversation by: `<Instagram account id>-<IGSID>`.
 * An IGSID is scoped to its account, and a reply must go out with that account's token.
 */
export function conversationId(conversation: AccountConversation): string {
  return scopedConversationId({ accountId: conversation.accountId, userId: conversation.igsid });
}

/** The account and IGSID of an id made by {@link conversationId}; undefined otherwise. */
export function readConversationId(id: string): AccountConversation | undefined {
  const read = readScopedConversationId(id);
  return read === undefined ? undefined : { accountId: read.accountId, igsid: read.userId };
}
