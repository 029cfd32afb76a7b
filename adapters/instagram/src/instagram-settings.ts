import {
  WebhookSecretSettings,
  MetaChannelFields,
  parseMetaSettings,
} from '@tvox-connector/meta-graph';
import { z } from 'zod';

/** An Instagram professional account id: digits. */
export const InstagramAccountId = z
  .string()
  .regex(/^\d{1,32}$/, 'expected an Instagram professional account id (digits)');

/** One Instagram professional account the channel answers for. */
export const InstagramAccount = z.strictObject({
  /**
   * The access token that may message as this account (`instagram_manage_messages`): the linked
   * Page's access token with Facebook Login, or the Instagram user access token with Instagram
   * Login. Sent only to the Graph API in the `Authorization` header: never logged, never in a
   * link.
   */
  accessToken: z.string().min(16, 'expected an access token'),
  /**
   * The id of the Facebook Page linked to the account, with Facebook Login: replies are sent as
   * `POST /{pageId}/messages` with the Page's token. Absent (Instagram Login, `graph.apiRoot`
   * `https://graph.instagram.com`): `POST /{account id}/messages`.
   */
  pageId: z
    .string()
    .regex(/^\d{1,32}$/, 'expected a Page id (digits)')
    .optional(),
});
/** One Instagram professional account the channel answers for. */
export type InstagramAccount = z.infer<typeof InstagramAccount>;

/** An Instagram channel's `settings` in the connector configuration. */
export const InstagramSettings = z.strictObject({
  ...WebhookSecretSettings,
  /**
   * The Instagram professional accounts of this channel by account id (the `entry[].id` of
   * Meta's notifications), each with its access token. A customer's conversation is with one
   * account, and replies go out with that account's token. An account id may also be a key of
   * the channel's `entryPoints`, to route its conversations to another TVox service.
   */
  accounts: z
    .record(InstagramAccountId, InstagramAccount)
    .refine((accounts) => Object.keys(accounts).length > 0, 'expected one account at least'),
  /**
   * Whether the app has the Human Agent permission (`HUMAN_AGENT` tag, App Review). With it, an
   * agent may answer up to 7 days after the customer's last message; without it, a reply more than
   * 24 hours after fails for good, saying so.
   */
  humanAgentTag: z.boolean().default(false),
  /**
   * What a customer's reaction to a message becomes: `text` (default), a short message to the
   * agent such as `reacted ❤️ to: “Your order has shipped”`; `ignore`, nothing. Removing a
   * reaction is never relayed.
   */
  reactions: z.enum(['text', 'ignore']).default('text'),
  ...MetaChannelFields,
});
/** An Instagram channel's `settings`, defaults applied. */
export type InstagramSettings = z.infer<typeof InstagramSettings>;
/** An Instagram channel's `settings` as written in the configuration. */
export type InstagramSettingsInput = z.input<typeof InstagramSettings>;

/**
 * Validates a channel's Instagram settings; throws `ConfigError` listing every problem, each with its
 * path under `channels.<id>.settings`. With `entryPoints`, every entry point must be one of the
 * channel's accounts (see `parseMetaSettings`).
 */
export function parseInstagramSettings(
  channel: string,
  settings: unknown,
  entryPoints?: Readonly<Record<string, string>>,
): InstagramSettings {
  return parseMetaSettings(
    InstagramSettings,
    (parsed) => parsed.accounts,
    'an account of settings.accounts',
    channel,
    settings,
    entryPoints,
  );
}
