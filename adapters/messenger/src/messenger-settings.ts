import {
  WebhookSecretSettings,
  MetaChannelFields,
  parseMetaSettings,
} from '@tvox-connector/meta-graph';
import { z } from 'zod';

/** A Facebook Page id: digits. */
export const PageId = z.string().regex(/^\d{1,32}$/, 'expected a Page id (digits)');

/** One Page the channel answers for. */
export const MessengerPage = z.strictObject({
  /**
   * The Page access token (with `pages_messaging`), sent only to the Graph API in the
   * `Authorization` header: never logged, never in a link.
   */
  accessToken: z.string().min(16, 'expected a Page access token'),
});
/** One Page the channel answers for. */
export type MessengerPage = z.infer<typeof MessengerPage>;

/** A Messenger channel's `settings` in the connector configuration. */
export const MessengerSettings = z.strictObject({
  ...WebhookSecretSettings,
  /**
   * The Pages of this channel by Page id, each with its access token. A customer's conversation
   * is with one Page, and replies go out with that Page's token. A Page id may also be a key of
   * the channel's `entryPoints`, to route its conversations to another TVox service.
   */
  pages: z
    .record(PageId, MessengerPage)
    .refine((pages) => Object.keys(pages).length > 0, 'expected one Page at least'),
  /**
   * Whether the app has the Human Agent permission (`HUMAN_AGENT` tag, App Review). With it, an
   * agent may answer up to 7 days after the customer's last message; without it, a reply more than
   * 24 hours after fails for good, saying so.
   */
  humanAgentTag: z.boolean().default(false),
  ...MetaChannelFields,
});
/** A Messenger channel's `settings`, defaults applied. */
export type MessengerSettings = z.infer<typeof MessengerSettings>;
/** A Messenger channel's `settings` as written in the configuration. */
export type MessengerSettingsInput = z.input<typeof MessengerSettings>;

/**
 * Validates a channel's Messenger settings; throws `ConfigError` listing every problem, each with its
 * path under `channels.<id>.settings`. With `entryPoints`, every entry point must be one of the
 * channel's Pages (see `parseMetaSettings`).
 */
export function parseMessengerSettings(
  channel: string,
  settings: unknown,
  entryPoints?: Readonly<Record<string, string>>,
): MessengerSettings {
  return parseMetaSettings(
    MessengerSettings,
    (parsed) => parsed.pages,
    'a Page of settings.pages',
    channel,
    settings,
    entryPoints,
  );
}
