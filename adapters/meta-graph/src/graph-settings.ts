import {
  ConfigError,
  HttpUrl,
  channelPath,
  parseSection,
  type ValidationIssue,
} from '@tvox-connector/core';
import { z } from 'zod';
import { GraphClient } from './api/graph-client.js';

/** The Graph API version used when the settings name none. */
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';

/** How an adapter reaches the Graph API: a channel's `settings.graph`. */
export const GraphSettings = z.strictObject({
  /** The Graph API server; a test's fake in place of Meta's. */
  apiRoot: HttpUrl.default('https://graph.facebook.com').transform((url) =>
    url.replace(/\/+$/, ''),
  ),
  /**
   * The Graph API version every call is pinned to, e.g. `v21.0`. Meta keeps a version for two
   * years at least; move on deliberately, after reading its changelog.
   */
  version: z
    .string()
    .regex(/^v\d+\.\d+$/, 'expected a Graph API version such as "v21.0"')
    .default(DEFAULT_GRAPH_API_VERSION),
  /** Longest wait for one Graph call or media download, in seconds. */
  requestTimeoutSeconds: z.int().positive().max(300).default(30),
});
/** How an adapter reaches the Graph API, defaults applied. */
export type GraphSettings = z.infer<typeof GraphSettings>;

/** The app's secrets for its webhook: part of a channel's `settings`. */
export const WebhookSecretSettings = {
  /**
   * The app secret (App Dashboard > App settings > Basic). Meta signs every webhook with it
   * (`X-Hub-Signature-256`); never sent anywhere.
   */
  appSecret: z.string().min(16, 'expected the app secret from App settings > Basic'),
  /** The Verify Token entered with the callback URL in the App Dashboard; 8 characters or more. */
  verifyToken: z.string().min(8, 'expected a verify token of 8 characters or more'),
};

/** Links to customers' files, which TVox fetches through the connector: `settings.mediaLinks`. */
export const MediaLinkSettings = z.strictObject({
  /** Signs the links (HMAC-SHA256); changing it invalidates the links already handed out. */
  secret: z.string().min(32, 'expected a secret of 32 characters or more'),
  /** How long a link works; Meta may drop the file itself sooner. */
  ttlSeconds: z
    .int()
    .positive()
    .default(7 * 24 * 3600),
});
/** Links to customers' files, defaults applied. */
export type MediaLinkSettings = z.infer<typeof MediaLinkSettings>;

/**
 * Where a Meta channel is reached and how it reaches Meta: part of every Meta adapter's
 * `settings`, spread into its schema.
 */
export const MetaChannelFields = {
  /** How the Graph API is reached, and the version it is pinned to. */
  graph: GraphSettings.default(GraphSettings.parse({})),
  /**
   * The public URL where the connector mounts this channel's webhook, e.g.
   * `https://connector.example.com/webhooks/<channel id>`: the callback URL given to Meta, below
   * which the links to customers' files are made (`{publicUrl}/media?token=...`).
   */
  publicUrl: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** Links to customers' files, which TVox fetches through the connector. */
  mediaLinks: MediaLinkSettings,
};

/**
 * Validates a Meta channel's `settings` with `schema`; throws `ConfigError` listing every
 * problem, each with its path under `channels.<id>.settings`. With `entryPoints`, every entry
 * point must be one of the channel's accounts (`accountsOf` the settings, named `accounts` in
 * the messages, e.g. `a Page of settings.pages`): a conversation of another account would never
 * reach its service.
 */
export function parseMetaSettings<S extends z.ZodType>(
  schema: S,
  accountsOf: (settings: z.infer<S>) => Readonly<Record<string, unknown>>,
  accounts: string,
  channel: string,
  settings: unknown,
  entryPoints: Readonly<Record<string, string>> = {},
): z.infer<S> {
  const parsed = parseSection(schema, settings, channelPath(channel, 'settings'));
  const known = accountsOf(parsed);
  const issues: ValidationIssue[] = Object.keys(entryPoints)
    .filter((account) => known[account] === undefined)
    .map((account) => ({
      path: channelPath(channel, 'entryPoints', account),
      message: `is not ${accounts} (${Object.keys(known).join(', ')})`,
    }));
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed;
}

/** The Graph API client of a channel of `network`, as its `settings.graph` says. */
export function graphClientFor(network: string, graph: GraphSettings): GraphClient {
  return new GraphClient({
    network,
    apiRoot: graph.apiRoot,
    version: graph.version,
    timeoutMs: graph.requestTimeoutSeconds * 1000,
  });
}
