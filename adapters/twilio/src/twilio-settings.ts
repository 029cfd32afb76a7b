import { HttpUrl, channelPath, parseSection } from '@tvox-connector/core';
import { z } from 'zod';

/** An Account SID: `AC` and 32 hexadecimal digits. */
export const AccountSid = z
  .string()
  .regex(/^AC[0-9a-fA-F]{32}$/, 'expected an Account SID such as "AC" + 32 hex digits');

/** Who the channel's messages come from: a Messaging Service, or one sender (a number). */
export const TwilioSender = z.union([
  z.strictObject({
    /**
     * The Messaging Service (`MG` + 32 hex digits) that picks the sender number from its pool
     * and handles segments, opt-outs and the status callback URL.
     */
    messagingServiceSid: z
      .string()
      .regex(
        /^MG[0-9a-fA-F]{32}$/,
        'expected a Messaging Service SID such as "MG" + 32 hex digits',
      ),
  }),
  z.strictObject({
    /** The sender: a Twilio number in E.164 (`+14155550100`) or an alphanumeric sender id. */
    from: z.string().regex(/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/, 'expected an E.164 number'),
  }),
]);
/** Who the channel's messages come from. */
export type TwilioSender = z.infer<typeof TwilioSender>;

/** A Twilio channel's `settings` in the connector configuration. */
export const TwilioSettings = z.strictObject({
  accountSid: AccountSid,
  /**
   * The account's Auth Token: the key Twilio signs webhooks with (`X-Twilio-Signature`) and the
   * password of the Messages API. Never logged, never in a link.
   */
  authToken: z.string().regex(/^[0-9a-fA-F]{32}$/, 'expected the 32 hex digits of an Auth Token'),
  sender: TwilioSender,
  /** The Messages API; a test's fake in place of Twilio's. */
  apiRoot: HttpUrl.default('https://api.twilio.com').transform((url) => url.replace(/\/+$/, '')),
  /**
   * The public URL of this channel's webhook exactly as it is entered in the Twilio console
   * (the number's "A message comes in" URL and the status callback URL), e.g.
   * `https://connector.example.com/webhooks/twilio`. Twilio signs that URL, so the signature is
   * checked against it, never against the Host a request arrived with (a proxy changes it).
   */
  publicUrl: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** Longest wait for one Messages API call, in seconds. */
  requestTimeoutSeconds: z.int().positive().default(30),
});
/** A Twilio channel's `settings`, defaults applied. */
export type TwilioSettings = z.infer<typeof TwilioSettings>;
/** A Twilio channel's `settings` as written in the configuration. */
export type TwilioSettingsInput = z.input<typeof TwilioSettings>;

/**
 * Validates a channel's Twilio settings; throws `ConfigError` listing every problem, each with
 * its path under `channels.<id>.settings`.
 */
export function parseTwilioSettings(channel: string, settings: unknown): TwilioSettings {
  return parseSection(TwilioSettings, settings, channelPath(channel, 'settings'));
}
