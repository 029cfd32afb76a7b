import {
  ConfigError,
  HttpUrl,
  channelPath,
  parseSection,
  type ValidationIssue,
} from '@tvox-connector/core';
import {
  GraphSettings,
  MediaLinkSettings,
  WebhookSecretSettings,
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
  /** How the Graph API is reached, and the version it is pinned to. */
  graph: GraphSettings.default(GraphSettings.parse({})),
  /**
   * The public URL where the connector mounts this channel's webhook, e.g.
   * `https://connector.example.com/webhooks/instagram`: the callback URL given to Meta, below
   * which the links to customers' files are made (`{publicUrl}/media?token=...`).
   */
  publicUrl: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** Links to customers' files, which TVox fetches through the connector. */
  mediaLinks: MediaLinkSettings,
});
/** An Instagram channel's `settings`, defaults applied. */
export type InstagramSettings = z.infer<typeof InstagramSettings>;
/** An Instagram channel's `settings` as written in the configuration. */
export type InstagramSettingsInput = z.input<typeof InstagramSettings>;

/**
 * Validates a channel's Instagram settings; throws `ConfigError` listing every problem, each with
 * its path under `channels.<id>.settings`. With `entryPoints`, every entry point must be one of
 * the channel's accounts: a conversation of another account would never reach its service.
 */
export function parseInstagramSettings(
  channel: string,
  settings: unknown,
  entryPoints: Readonly<Record<string, string>> = {},
): InstagramSettings {
  const parsed = parseSection(InstagramSettings, settings, channelPath(channel, 'settings'));
  const issues: ValidationIssue[] = Object.keys(entryPoints)
    .filter((account) => parsed.accounts[account] === undefined)
    .map((account) => ({
      path: channelPath(channel, 'entryPoints', account),
      message: `is not an account of settings.accounts (${Object.keys(parsed.accounts).join(', ')})`,
    }));
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed;
}
