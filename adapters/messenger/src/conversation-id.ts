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
  return `${conversation.pageId}-${conversation.psid}`;
}

/** The Page and PSID of a conversation id made by {@link conversationId}; undefined otherwise. */
export function readConversationId(id: string): PageConversation | undefined {
  const match = /^(\d+)-(\d+)$/.exec(id);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { pageId: match[1], psid: match[2] };
}
