/**
 * A conversation on a Meta messaging network: the business's account (a Page, an Instagram
 * account) and the customer's id scoped to it (PSID, IGSID).
 */
export interface ScopedConversation {
  /** The Page or Instagram account id: whose token answers. */
  readonly accountId: string;
  /** The customer's id scoped to that account. */
  readonly userId: string;
}

/**
 * The conversation id core keys a conversation by: `<account id>-<scoped user id>`. A scoped id
 * belongs to its account, and a reply must go out with that account's token, so the id carries
 * both.
 */
export function scopedConversationId({ accountId, userId }: ScopedConversation): string {
  return `${accountId}-${userId}`;
}

/** The account and user of an id made by {@link scopedConversationId}; undefined otherwise. */
export function readScopedConversationId(id: string): ScopedConversation | undefined {
  const match = /^(\d+)-(\d+)$/.exec(id);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { accountId: match[1], userId: match[2] };
}
