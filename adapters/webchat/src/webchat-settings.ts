import { channelPath, parseSection, type ChannelConfig } from '@tvox-connector/core';
import { z } from 'zod';

/** A MIME type or a `type/*` wildcard, e.g. `image/png` or `image/*`. */
const MimePattern = z
  .string()
  .regex(/^([\w.+-]+|\*)\/([\w.+-]+|\*)$/, 'expected a MIME type such as "image/png" or "image/*"');

/** Files visitors may upload, and how long the links to them work. */
export const WebchatAttachmentSettings = z.strictObject({
  /** Folder the uploaded files are kept in; created when missing. */
  directory: z.string().min(1).optional(),
  /** Largest file a visitor may upload, in bytes (10 MiB by default). */
  maxBytes: z
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** MIME types a visitor may upload; `type/*` wildcards allowed. */
  contentTypes: z
    .array(MimePattern)
    .min(1)
    .default([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain',
    ]),
  /** How long a link to an uploaded file works, in seconds (7 days by default). */
  linkTtlSeconds: z
    .int()
    .positive()
    .default(7 * 24 * 60 * 60),
});
/** Files visitors may upload, and how long the links to them work. */
export type WebchatAttachmentSettings = z.infer<typeof WebchatAttachmentSettings>;

/**
 * The web chat channel's `settings` in the connector configuration. `secret` signs visitor
 * tokens and file links; `identitySecret`, when set, lets the host page pass a signed identity.
 */
export const WebchatSettings = z.strictObject({
  /** Signs visitor tokens and attachment links (HMAC-SHA256). At least 32 characters. */
  secret: z.string().min(32, 'use a secret of at least 32 characters'),
  /**
   * Shared with the host site, which signs the visitor's identity (name, e-mail, external id) with
   * it. Without it, identities from the host page are refused.
   */
  identitySecret: z.string().min(32, 'use an identity secret of at least 32 characters').optional(),
  /** How old a host-signed identity may be when the widget presents it, in seconds. */
  identityMaxAgeSeconds: z.int().positive().default(600),
  /** How long a visitor token stays valid, in days; a returning visitor keeps their conversation. */
  visitorTokenTtlDays: z.int().positive().default(365),
  /** Longest text a visitor or an agent message may carry, in characters. */
  maxTextLength: z.int().min(1).max(65_536).default(4000),
  /** How many of the latest ledger messages a (re)connecting widget is sent. */
  historyLimit: z.int().min(1).max(1000).default(200),
  /**
   * How often an open socket is checked, in seconds: the server pings it (and drops it when the
   * previous ping got no answer) and sends the widget a heartbeat, without which the widget
   * reconnects, so a connection that died silently is noticed on both sides.
   */
  heartbeatSeconds: z.int().min(1).max(300).default(25),
  /** Origins allowed to embed the widget (CORS and WebSocket `Origin`); `*` allows any. */
  allowedOrigins: z.array(z.string().min(1)).min(1).default(['*']),
  /** Whether the demo page is served. */
  demo: z.boolean().default(true),
  attachments: WebchatAttachmentSettings.default(WebchatAttachmentSettings.parse({})),
});
/** The web chat channel's settings. */
export type WebchatSettings = z.infer<typeof WebchatSettings>;

/**
 * The channel's settings, validated. Throws `ConfigError` listing every problem with its path
 * under `channels.<id>.settings`; secrets are never echoed.
 */
export function parseWebchatSettings(channel: ChannelConfig): WebchatSettings {
  return parseSection(WebchatSettings, channel.settings, channelPath(channel.id, 'settings'));
}
