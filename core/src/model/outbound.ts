import { z } from 'zod';
import { Attachment } from './attachment.js';
import { ConversationKey } from './conversation.js';
import { Locale, NonEmptyString } from './primitives.js';

/** A button the customer can tap instead of typing. */
export const QuickReply = z.object({
  /** Text on the button. */
  title: NonEmptyString,
  /** What comes back when tapped; the title when absent. */
  payload: NonEmptyString.optional(),
});
/** A button the customer can tap instead of typing. */
export type QuickReply = z.infer<typeof QuickReply>;

/** The agent who wrote an outbound message. */
export const AgentRef = z.object({
  /** The agent's TVox user code. */
  code: NonEmptyString,
  /** Name shown to the customer. */
  name: NonEmptyString.optional(),
});
/** The agent who wrote an outbound message. */
export type AgentRef = z.infer<typeof AgentRef>;

/**
 * A message to deliver to the customer: from an agent, or a notice from the connector itself
 * (queued, agent joined, closed). By the time an adapter receives it, core has already adapted it
 * to the adapter's capabilities.
 */
export const OutboundMessage = z
  .object({
    kind: z.literal('message'),
    /** Unique id of this message; adapters may pass it to the network as an idempotency key. */
    messageId: NonEmptyString,
    conversation: ConversationKey,
    /** `agent` for what an agent wrote, `system` for the connector's notices. */
    origin: z.enum(['agent', 'system']),
    agent: AgentRef.optional(),
    text: z.string().min(1).optional(),
    attachments: z.array(Attachment).default([]),
    quickReplies: z.array(QuickReply).default([]),
    /** The customer's language, when known. */
    locale: Locale.optional(),
  })
  .refine((m) => m.text !== undefined || m.attachments.length > 0, {
    message: 'a message needs a text or at least one attachment',
    path: ['text'],
  });
/** A message to deliver to the customer. */
export type OutboundMessage = z.infer<typeof OutboundMessage>;

/** Show the customer that the agent is typing. Best effort: never retried. */
export const OutboundTyping = z.object({
  kind: z.literal('typing'),
  conversation: ConversationKey,
  agent: AgentRef.optional(),
});
/** Show the customer that the agent is typing. */
export type OutboundTyping = z.infer<typeof OutboundTyping>;

/** Anything core asks an adapter to deliver. */
export const OutboundActivity = z.discriminatedUnion('kind', [OutboundMessage, OutboundTyping]);
/** Anything core asks an adapter to deliver. */
export type OutboundActivity = z.infer<typeof OutboundActivity>;

/** What the network gave back for a delivered activity. */
export const SendReceipt = z.object({
  /**
   * The network's ids of what was sent (a split text yields several); receipts refer to them.
   * Empty for activities the network does not identify, such as typing.
   */
  networkMessageIds: z.array(NonEmptyString),
});
/** What the network gave back for a delivered activity. */
export type SendReceipt = z.infer<typeof SendReceipt>;
