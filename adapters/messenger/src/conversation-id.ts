import { readScopedConversationId, scopedConversationId } from '@tvox-connector/meta-graph';

/** A conversation on Messenger: a Page, and the customer's Page-scoped id (PSID) on it. */
export interface PageConversation {
  readonly pageId: string;
  readonly psid: string;
}

/**
 * The conversation id core keys a Messenger conversation by: `<Page id>-<PSID>`. A PSID is scoped
 * to its Page, and a reply must go out with that Page's token, so the id carries both.
 */
export function conversationId(conversation: PageConversation): string {
  return scopedConversationId({ accountId: conversation.pageId, userId: conversation.psid });
}

/** The Page and PSID of a conversation id made by {@link conversationId}; undefined otherwise. */
export function readConversationId(id: string): PageConversation | undefined {
  const read = readScopedConversationId(id);
  return read === undefined ? undefined : { pageId: read.accountId, psid: read.userId };
}
