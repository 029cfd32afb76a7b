import { z } from 'zod';
import { Attachment } from './attachment.js';
import { ConversationKey, Customer } from './conversation.js';
import { IsoDateTime, NonEmptyString } from './primitives.js';

/** Longest text accepted in one message, in characters; longer texts are refused, not cut. */
export const MAX_TEXT_LENGTH = 65_536;

/**
 * A message the customer sent on the network. `(conversation, networkMessageId)` is the dedupe
 * key (many networks number messages per chat): the same network message delivered twice is
 * stored once.
 */
export const InboundMessage = z
  .object({
    kind: z.literal('message'),
    /** The network's id of this message; the dedupe key within the conversation. */
    networkMessageId: NonEmptyString,
    conversation: ConversationKey,
    sender: Customer,
    text: z.string().min(1).max(MAX_TEXT_LENGTH).optional(),
    attachments: z.array(Attachment).default([]),
    /** The payload of the quick reply the customer tapped, if the message is one. */
    quickReplyPayload: NonEmptyString.optional(),
    /** The network id of an earlier message this one edits (shown to the agent as an edit). */
    editOf: NonEmptyString.optional(),
    /** Entry point within the channel (a bot, a page, a phone number) used to pick the service. */
    entryPoint: NonEmptyString.optional(),
    /** When the customer sent it, per the network. */
    sentAt: IsoDateTime,
  })
  .refine((m) => m.text !== undefined || m.attachments.length > 0, {
    message: 'a message needs a text or at least one attachment',
    path: ['text'],
  });
/** A message the customer sent on the network. */
export type InboundMessage = z.infer<typeof InboundMessage>;

/** The customer is typing. Best effort: never stored, never retried. */
export const InboundTyping = z.object({
  kind: z.literal('typing'),
  conversation: ConversationKey,
  sender: Customer,
  at: IsoDateTime,
});
/** The customer is typing. */
export type InboundTyping = z.infer<typeof InboundTyping>;

/** The network reports that the customer received or read messages the agent sent. */
export const InboundReceipt = z.object({
  kind: z.literal('receipt'),
  conversation: ConversationKey,
  status: z.enum(['delivered', 'read']),
  /** Network ids of the outbound messages concerned, as returned by the adapter's `send`. */
  networkMessageIds: z.array(NonEmptyString).min(1),
  at: IsoDateTime,
});
/** The customer received or read messages. */
export type InboundReceipt = z.infer<typeof InboundReceipt>;

/** Anything an adapter parses out of the network: a message, typing, or a receipt. */
export const InboundActivity = z.discriminatedUnion('kind', [
  InboundMessage,
  InboundTyping,
  InboundReceipt,
]);
/** Anything an adapter parses out of the network. */
export type InboundActivity = z.infer<typeof InboundActivity>;
