/** A conversation on WhatsApp: a business phone number id, and the customer's WhatsApp id. */
export interface NumberConversation {
  readonly phoneNumberId: string;
  /** The customer's WhatsApp id (`wa_id`, their phone number in international digits). */
  readonly waId: string;
}

/**
 * The conversation id core keys a WhatsApp conversation by: `<phone number id>-<wa_id>`. A reply
 * must go out from the number the customer wrote to, with its token, so the id carries both.
 */
export function conversationId(conversation: NumberConversation): string {
  return `${conversation.phoneNumberId}-${conversation.waId}`;
}

/** The number and customer of a conversation id made by {@link conversationId}; else undefined. */
export function readConversationId(id: string): NumberConversation | undefined {
  const match = /^(\d+)-(\d+)$/.exec(id);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { phoneNumberId: match[1], waId: match[2] };
}
