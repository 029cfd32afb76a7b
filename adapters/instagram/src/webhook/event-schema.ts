import { z } from 'zod';

/**
 * The Instagram webhook payloads the adapter reads, as Meta's Messenger API for Instagram
 * reference shows them (`object: "instagram"`, `entry[].messaging[]`). Loose: fields the adapter
 * does not read pass unchecked, so that a new Graph API version never turns into a loop of
 * refused deliveries.
 */

/** A moment in epoch milliseconds, within what a date can hold. */
const EpochMs = z.int().min(0).max(8_640_000_000_000_000);

/** A `sender` or `recipient`: an Instagram-scoped id (IGSID) or the business's account id. */
const Party = z.looseObject({ id: z.string().min(1) });

/**
 * One attachment of a customer's message: `image`, `video`, `audio`, `file`, `share` (a post),
 * `ig_reel`/`reel`, `story_mention` (the customer mentioned the account in their story), ...
 */
export const InstagramAttachment = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      title: z.string().optional(),
    })
    .nullish(),
});
/** One attachment of a customer's message. */
export type InstagramAttachment = z.infer<typeof InstagramAttachment>;

/** `message`: what the customer wrote, or the echo of what the account sent. */
export const InstagramMessage = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  /** The tapped quick reply's payload; `text` is its title. */
  quick_reply: z.looseObject({ payload: z.string() }).optional(),
  attachments: z.array(InstagramAttachment).optional(),
  /** What the message answers: another message (`mid`), or one of the account's stories. */
  reply_to: z
    .looseObject({
      mid: z.string().optional(),
      story: z.looseObject({ url: z.string().optional(), id: z.string().optional() }).optional(),
    })
    .optional(),
  /** Set on the echo of a message the account sent. */
  is_echo: z.boolean().optional(),
  /** The customer unsent the message `mid`. */
  is_deleted: z.boolean().optional(),
  /** The customer sent something the API does not pass on (a voice call, a poll, ...). */
  is_unsupported: z.boolean().optional(),
});
/** What the customer wrote. */
export type InstagramMessage = z.infer<typeof InstagramMessage>;

/** `messaging_postbacks`: the customer tapped an ice breaker or a template's button. */
export const InstagramPostback = z.looseObject({
  title: z.string().optional(),
  payload: z.string().optional(),
  mid: z.string().optional(),
});
/** The customer tapped a postback button. */
export type InstagramPostback = z.infer<typeof InstagramPostback>;

/** `message_reactions`: the customer reacted to a message (`mid`), or took the reaction back. */
export const InstagramReaction = z.looseObject({
  mid: z.string().min(1),
  action: z.string(),
  /** The reaction's name: `love`, `like`, `laugh`, `wow`, `sad`, `angry`, `other`. */
  reaction: z.string().optional(),
  emoji: z.string().optional(),
});
/** The customer reacted to a message. */
export type InstagramReaction = z.infer<typeof InstagramReaction>;

/** One event of `messaging[]`. */
export const MessagingEvent = z.looseObject({
  sender: Party,
  recipient: Party,
  timestamp: EpochMs,
  message: InstagramMessage.optional(),
  postback: InstagramPostback.optional(),
  reaction: InstagramReaction.optional(),
  /** `messaging_seen`: the customer read the conversation up to the message `mid`. */
  read: z.looseObject({ mid: z.string().min(1).optional() }).optional(),
});
/** One event of `messaging[]`. */
export type MessagingEvent = z.infer<typeof MessagingEvent>;

/**
 * One `entry[]`: an Instagram account's events. Entries of other webhook fields (comments,
 * mentions in posts) carry `changes[]` and no `messaging`.
 */
export const InstagramEntry = z.looseObject({
  /** The Instagram professional account id. */
  id: z.string().min(1),
  time: z.number().optional(),
  messaging: z.array(z.unknown()).optional(),
});
/** One `entry[]`. */
export type InstagramEntry = z.infer<typeof InstagramEntry>;

/** A webhook notification: `object` says which product (`instagram` here). */
export const InstagramWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(InstagramEntry),
});
/** A webhook notification. */
export type InstagramWebhook = z.infer<typeof InstagramWebhook>;
