import {
  WebhookSecretSettings,
  MetaChannelFields,
  parseMetaSettings,
} from '@tvox-connector/meta-graph';
import { z } from 'zod';

/** A WhatsApp Business phone number id (not the phone number itself): digits. */
export const PhoneNumberId = z
  .string()
  .regex(/^\d{1,32}$/, 'expected a phone number id (digits, from WhatsApp > API Setup)');

/** One business phone number the channel answers for. */
export const WhatsAppPhoneNumber = z.strictObject({
  /**
   * A system user's access token with `whatsapp_business_messaging`, sent only to the Graph API
   * in the `Authorization` header: never logged, never in a link.
   */
  accessToken: z.string().min(16, 'expected a system user access token'),
});
/** One business phone number the channel answers for. */
export type WhatsAppPhoneNumber = z.infer<typeof WhatsAppPhoneNumber>;

/** An approved message template without variables, sent when the 24-hour window is closed. */
export const WindowTemplate = z.strictObject({
  /** The template's name as approved in WhatsApp Manager, e.g. `reply_waiting`. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a template name (a-z, 0-9, _)'),
  /** The language it was approved in, e.g. `it` or `en_US`. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'expected a template language such as "it" or "en_US"'),
});
/** An approved message template sent when the 24-hour window is closed. */
export type WindowTemplate = z.infer<typeof WindowTemplate>;

/** `*`, or a key as written: a service code, or a locale such as `it` or `it-IT`. */
const TemplateKey = z.string().min(1);

/** A WhatsApp channel's `settings` in the connector configuration. */
export const WhatsAppSettings = z.strictObject({
  ...WebhookSecretSettings,
  /**
   * The business phone numbers of this channel by phone number id, each with its access token.
   * A customer's conversation is with one number, and replies go out from it. A phone number id
   * may also be a key of the channel's `entryPoints`, to route its conversations to another
   * TVox service.
   */
  phoneNumbers: z
    .record(PhoneNumberId, WhatsAppPhoneNumber)
    .refine((numbers) => Object.keys(numbers).length > 0, 'expected one phone number at least'),
  /**
   * The template sent instead of a reply when the customer last wrote more than 24 hours ago, by
   * TVox service code (then `*`), each by the customer's locale (`it-IT`, then `it`, then `*`).
   * The reply itself still fails, saying a template was sent; without a template it fails saying
   * none is configured.
   */
  windowTemplates: z.record(TemplateKey, z.record(TemplateKey, WindowTemplate)).default({}),
  ...MetaChannelFields,
});
/** A WhatsApp channel's `settings`, defaults applied. */
export type WhatsAppSettings = z.infer<typeof WhatsAppSettings>;
/** A WhatsApp channel's `settings` as written in the configuration. */
export type WhatsAppSettingsInput = z.input<typeof WhatsAppSettings>;

/**
 * Validates a channel's WhatsApp settings; throws `ConfigError` listing every problem, each with its
 * path under `channels.<id>.settings`. With `entryPoints`, every entry point must be one of the
 * channel's phone numbers (see `parseMetaSettings`).
 */
export function parseWhatsAppSettings(
  channel: string,
  settings: unknown,
  entryPoints?: Readonly<Record<string, string>>,
): WhatsAppSettings {
  return parseMetaSettings(
    WhatsAppSettings,
    (parsed) => parsed.phoneNumbers,
    'a phone number id of settings.phoneNumbers',
    channel,
    settings,
    entryPoints,
  );
}
