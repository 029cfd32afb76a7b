import { z } from 'zod';

/**
 * The WhatsApp Cloud API webhook payloads the adapter reads (`messages` field), as Meta's
 * webhook reference shows them. Loose: fields the adapter does not read pass unchecked, so that a
 * new Graph API version never turns into a loop of refused deliveries.
 */

/** Epoch seconds as the Cloud API writes them: a string of digits. */
const EpochSeconds = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

/** A customer's file: its media id (resolved to a URL only when it is fetched) and type. */
export const WhatsAppMedia = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().min(1).optional(),
  caption: z.string().optional(),
  /** Documents only. */
  filename: z.string().optional(),
});
/** A customer's file. */
export type WhatsAppMedia = z.infer<typeof WhatsAppMedia>;

/** A shared location. */
export const WhatsAppLocation = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});
/** A shared location. */
export type WhatsAppLocation = z.infer<typeof WhatsAppLocation>;

/** A shared contact card. */
export const WhatsAppContactCard = z.looseObject({
  name: z.looseObject({ formatted_name: z.string().optional() }).optional(),
  phones: z.array(z.looseObject({ phone: z.string().optional() })).optional(),
  emails: z.array(z.looseObject({ email: z.string().optional() })).optional(),
});
/** A shared contact card. */
export type WhatsAppContactCard = z.infer<typeof WhatsAppContactCard>;

/** A reply button or list row the customer tapped: its id (our payload) and title. */
const Reply = z.looseObject({ id: z.string(), title: z.string() });

/** One of `value.messages[]`: what a customer sent. */
export const WhatsAppMessage = z.looseObject({
  /** The customer's WhatsApp id. */
  from: z.string().min(1),
  /** `wamid.…`: the dedupe key. */
  id: z.string().min(1),
  timestamp: EpochSeconds,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: WhatsAppMedia.optional(),
  video: WhatsAppMedia.optional(),
  audio: WhatsAppMedia.optional(),
  document: WhatsAppMedia.optional(),
  sticker: WhatsAppMedia.optional(),
  location: WhatsAppLocation.optional(),
  contacts: z.array(WhatsAppContactCard).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: Reply.optional(),
      list_reply: Reply.optional(),
    })
    .optional(),
  /** A template's quick-reply button. */
  button: z.looseObject({ text: z.string(), payload: z.string().optional() }).optional(),
});
/** What a customer sent. */
export type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

/** One of `value.statuses[]`: what became of a message the business sent. */
export const WhatsAppStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: EpochSeconds,
  recipient_id: z.string().min(1),
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
/** What became of a message the business sent. */
export type WhatsAppStatus = z.infer<typeof WhatsAppStatus>;

/** One `changes[].value` of the `messages` field: one business number's events. */
export const WhatsAppValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }),
  /** The customers who wrote: their profile name and WhatsApp id. */
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
/** One business number's events. */
export type WhatsAppValue = z.infer<typeof WhatsAppValue>;

/** One `entry[]`: a WhatsApp Business Account's changes. */
export const WhatsAppEntry = z.looseObject({
  id: z.string().min(1),
  changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
});
/** One `entry[]`. */
export type WhatsAppEntry = z.infer<typeof WhatsAppEntry>;

/** A webhook notification: `object` is `whatsapp_business_account`. */
export const WhatsAppWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(WhatsAppEntry),
});
/** A webhook notification. */
export type WhatsAppWebhook = z.infer<typeof WhatsAppWebhook>;
