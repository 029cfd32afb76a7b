import { z } from 'zod';

/**
 * The Messenger webhook payloads the adapter reads, as Meta's Messenger Platform reference shows
 * them. Loose: fields the adapter does not read pass unchecked, so that a new Graph API version
 * never turns into a loop of refused deliveries.
 */

/** A moment in epoch milliseconds, within what a date can hold. */
const EpochMs = z.int().min(0).max(8_640_000_000_000_000);

/** A `sender` or `recipient`: a Page-scoped id (PSID) or a Page id. */
const Party = z.looseObject({ id: z.string().min(1) });

/** One attachment of a customer's message: `image`, `video`, `audio`, `file`, `fallback`, ... */
export const MessengerAttachment = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      title: z.string().optional(),
      sticker_id: z.number().optional(),
    })
    .nullish(),
});
/** One attachment of a customer's message. */
export type MessengerAttachment = z.infer<typeof MessengerAttachment>;

/** `message`: what the customer wrote, or the echo of what the Page sent. */
export const MessengerMessage = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  /** The tapped quick reply's payload; `text` is its title. */
  quick_reply: z.looseObject({ payload: z.string() }).optional(),
  attachments: z.array(MessengerAttachment).optional(),
  /** Set on the echo of a message the Page sent. */
  is_echo: z.boolean().optional(),
});
/** What the customer wrote. */
export type MessengerMessage = z.infer<typeof MessengerMessage>;

/** `postback`: the customer tapped a postback button (persistent menu, button template). */
export const MessengerPostback = z.looseObject({
  title: z.string().optional(),
  payload: z.string().optional(),
  mid: z.string().optional(),
});
/** The customer tapped a postback button. */
export type MessengerPostback = z.infer<typeof MessengerPostback>;

/** One event of `messaging[]`. */
export const MessagingEvent = z.looseObject({
  sender: Party,
  recipient: Party,
  timestamp: EpochMs,
  message: MessengerMessage.optional(),
  postback: MessengerPostback.optional(),
  /** `message_deliveries`: the messages delivered, and everything sent before `watermark`. */
  delivery: z
    .looseObject({ mids: z.array(z.string().min(1)).optional(), watermark: EpochMs })
    .optional(),
  /** `message_reads`: everything the Page sent before `watermark` was read. */
  read: z.looseObject({ watermark: EpochMs }).optional(),
});
/** One event of `messaging[]`. */
export type MessagingEvent = z.infer<typeof MessagingEvent>;

/** One `entry[]`: a Page's events. Entries of other webhook fields have no `messaging`. */
export const MessengerEntry = z.looseObject({
  /** The Page id. */
  id: z.string().min(1),
  time: z.number().optional(),
  messaging: z.array(z.unknown()).optional(),
});
/** One `entry[]`. */
export type MessengerEntry = z.infer<typeof MessengerEntry>;

/** A webhook notification: `object` says which product (`page` for Messenger). */
export const MessengerWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(MessengerEntry),
});
/** A webhook notification. */
export type MessengerWebhook = z.infer<typeof MessengerWebhook>;
