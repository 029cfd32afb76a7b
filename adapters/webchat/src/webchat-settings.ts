import { channelPath, parseSection, type ChannelConfig } from '@tvox-connector/core';
import { z } from 'zod';

/** A MIME type or a `type/*` wildcard, e.g. `image/png` or `image/*`. */
const MimePattern = z
  .string()
  .regex(/^([\w.+-]+|\*)\/([\w.+-]+|\*)$/, 'expected a MIME type such as "image/png" or "image/*"');

/**
 * A token bucket: up to `burst` at once, refilled at `perMinute` a minute. A sender that keeps
 * under `perMinute` is never refused; one that sends faster is refused once the burst is spent.
 */
export const RateSettings = z.strictObject({
  /** How many may come at once. */
  burst: z.int().min(1).max(100_000),
  /** How many a minute may come for as long as the sender keeps going. */
  perMinute: z.number().positive().max(1_000_000),
});
/** A token bucket's size and refill. */
export type RateSettings = z.infer<typeof RateSettings>;

/** How much one visitor may keep uploading: at most `files` and `bytes` every `perHours`. */
export const UploadQuotaSettings = z.strictObject({
  files: z.int().min(1).default(50),
  /** 200 MiB by default. */
  bytes: z
    .int()
    .min(1)
    .default(200 * 1024 * 1024),
  perHours: z
    .int()
    .min(1)
    .max(24 * 366)
    .default(24),
});
/** One visitor's upload quota. */
export type UploadQuotaSettings = z.infer<typeof UploadQuotaSettings>;

/** Files visitors may upload, and how long the links to them work. */
export const WebchatAttachmentSettings = z
  .strictObject({
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
    /** How fast one visitor may upload files (count). */
    rate: RateSettings.default({ burst: 5, perMinute: 10 }),
    /** How many files and bytes one visitor may upload in a period. */
    quota: UploadQuotaSettings.default(UploadQuotaSettings.parse({})),
    /** Days an uploaded file is kept; a background sweep deletes older ones (30 by default). */
    retentionDays: z.int().min(1).max(3660).default(30),
    /**
     * Free space the upload folder's disk must keep, in bytes: an upload that would leave less is
     * refused with 503 (1 GiB by default), so that visitors cannot fill the disk the store needs.
     */
    minFreeBytes: z
      .int()
      .nonnegative()
      .default(1024 * 1024 * 1024),
  })
  .refine((a) => a.quota.bytes >= a.maxBytes, {
    path: ['quota', 'bytes'],
    message: 'use at least maxBytes, so that a file of the largest size can be uploaded',
  });
/** Files visitors may upload, and how long the links to them work. */
export type WebchatAttachmentSettings = z.infer<typeof WebchatAttachmentSettings>;

/** How fast visitors may write, and how fast one address may start new visitors. */
export const WebchatLimitSettings = z.strictObject({
  /** Messages of one conversation (every tab and browser of it). */
  messages: RateSettings.default({ burst: 20, perMinute: 60 }),
  /** Typing and read-receipt frames of one conversation. */
  signals: RateSettings.default({ burst: 60, perMinute: 600 }),
  /** New visitors (`POST /visitor` without a valid token) from one client address. */
  newVisitorsPerAddress: z
    .strictObject({
      max: z.int().min(1).default(20),
      windowSeconds: z.int().min(1).max(86_400).default(600),
    })
    .default({ max: 20, windowSeconds: 600 }),
});
/** The web chat's rate limits. */
export type WebchatLimitSettings = z.infer<typeof WebchatLimitSettings>;

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
  /**
   * Largest WebSocket frame and `POST /messages` body, in bytes (512 KiB by default: a message
   * at the text limit with ten file references fits many times over). A bigger frame is answered
   * with an error frame, then the socket is closed.
   */
  maxFrameBytes: z
    .int()
    .min(16 * 1024)
    .max(16 * 1024 * 1024)
    .default(512 * 1024),
  limits: WebchatLimitSettings.default(WebchatLimitSettings.parse({})),
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
