import { z } from 'zod';
import { Locale, NonEmptyString } from './primitives.js';

/**
 * Identifies a channel instance: the adapter id from config, e.g. `telegram` or `webchat-shop`.
 * It is what TVox receives as `contact.channel`.
 */
export const ChannelId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,62}$/,
    'expected lower-case letters, digits and dashes, e.g. "webchat"',
  );
/** Identifies a channel instance. */
export type ChannelId = z.infer<typeof ChannelId>;

/**
 * Identifies one conversation with one customer on one channel (a Telegram chat, a web chat
 * visitor). A conversation lives longer than a TVox session: when a session closes, the next
 * message of the conversation opens a new one. Order is kept per conversation.
 */
export const ConversationKey = z.object({
  /** The channel instance. */
  channel: ChannelId,
  /** The network's id of the conversation, e.g. a Telegram chat id. */
  id: NonEmptyString,
});
/** Identifies one conversation with one customer on one channel. */
export type ConversationKey = z.infer<typeof ConversationKey>;

/** A conversation key as one string, `channel:id`: a stable key for storage and ordering. */
export function formatConversationKey(key: ConversationKey): string {
  return `${key.channel}:${key.id}`;
}

/** The customer on the network side, as far as the network tells us. */
export const Customer = z.object({
  /** The network's id of the customer (user id, phone number, visitor id). */
  id: NonEmptyString,
  /** Name to show the agent. */
  displayName: NonEmptyString.optional(),
  /** Phone number as the network gives it. */
  phone: z.string().min(3).max(32).optional(),
  /**
   * The value TVox's address book should know the customer by (`contactValue` of a session),
   * set by an adapter deliberately: the sender's number for SMS or WhatsApp, say. Never a
   * network's internal user id, which would fill TVox's address book with meaningless contacts.
   * Without it the phone number, when there is one, is sent.
   */
  contactValue: z.string().min(1).max(255).optional(),
  /** E-mail address. */
  email: z.email().optional(),
  /** The customer's language, used to pick notice templates and routing. */
  locale: Locale.optional(),
});
/** The customer on the network side. */
export type Customer = z.infer<typeof Customer>;
