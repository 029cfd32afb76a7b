import {
  ConfigError,
  HttpUrl,
  channelPath,
  parseSection,
  type ValidationIssue,
} from '@tvox-connector/core';
import { z } from 'zod';

/** The back-off of a Bot API call retried in the background (registering the webhook, polling). */
const RetrySettings = {
  /** Pause after a failed call before the next one; doubles with each failure in a row. */
  retryDelayMs: z.int().positive().default(2_000),
  /** Longest pause between two failed calls. */
  maxRetryDelayMs: z.int().positive().default(60_000),
};

/** How the adapter receives updates: Telegram calls its webhook, or it long-polls `getUpdates`. */
export const TelegramReceive = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('webhook'),
    /**
     * The `secret_token` given to `setWebhook`; Telegram sends it back in the
     * `X-Telegram-Bot-Api-Secret-Token` header of every webhook, and anything else gets 401.
     */
    secretToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 characters A-Z, a-z, 0-9, _ or -'),
    /**
     * Call `setWebhook` with `publicUrl` and the secret at start, retried with back-off until it
     * works; off when you register it yourself.
     */
    register: z.boolean().default(true),
    ...RetrySettings,
  }),
  z.strictObject({
    mode: z.literal('polling'),
    /** How long one `getUpdates` call waits for updates, in seconds (Telegram's `timeout`). */
    timeoutSeconds: z.int().min(0).max(50).default(25),
    ...RetrySettings,
  }),
]);
/** How the adapter receives updates. */
export type TelegramReceive = z.infer<typeof TelegramReceive>;

/** A Telegram channel's `settings` in the connector configuration. */
export const TelegramSettings = z.strictObject({
  /** The bot's token from @BotFather. Never sent to TVox, never in a link the adapter makes. */
  botToken: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'expected a bot token from @BotFather, such as "123456:ABC-DEF1234"'),
  /** The Bot API server; a local Bot API server or a test's fake in place of Telegram's. */
  apiRoot: HttpUrl.default('https://api.telegram.org').transform((url) => url.replace(/\/+$/, '')),
  /**
   * The public URL of this channel's webhook, e.g. `https://connector.example.com/webhooks/telegram`
   * (the connector serves a channel at `/webhooks/<channel id>`). The webhook is registered there
   * and the links to the customer's files are made below it (`{publicUrl}/file?token=...`).
   */
  publicUrl: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  receive: TelegramReceive,
  /** Links to the customer's files, which TVox fetches through the connector. */
  fileLinks: z.strictObject({
    /** Signs the links (HMAC-SHA256); changing it invalidates the links already handed out. */
    secret: z.string().min(32, 'expected a secret of 32 characters or more'),
    /** How long a link works. Telegram keeps files for at least this long. */
    ttlSeconds: z
      .int()
      .positive()
      .default(7 * 24 * 3600),
  }),
  /** Longest wait for one Bot API call, in seconds; must exceed the polling time-out. */
  requestTimeoutSeconds: z.int().positive().default(60),
});
/** A Telegram channel's `settings`, defaults applied. */
export type TelegramSettings = z.infer<typeof TelegramSettings>;
/** A Telegram channel's `settings` as written in the configuration. */
export type TelegramSettingsInput = z.input<typeof TelegramSettings>;

/**
 * Validates a channel's Telegram settings; throws `ConfigError` listing every problem, each with
 * its path under `channels.<id>.settings`.
 */
export function parseTelegramSettings(channel: string, settings: unknown): TelegramSettings {
  const parsed = parseSection(TelegramSettings, settings, channelPath(channel, 'settings'));
  const { receive } = parsed;
  const at = (setting: string) => channelPath(channel, 'settings', setting);
  const issues: ValidationIssue[] = [];
  if (receive.mode === 'polling' && receive.timeoutSeconds >= parsed.requestTimeoutSeconds) {
    issues.push({
      path: at('requestTimeoutSeconds'),
      message: `must exceed receive.timeoutSeconds (${receive.timeoutSeconds})`,
    });
  }
  if (receive.retryDelayMs > receive.maxRetryDelayMs) {
    issues.push({
      path: at('receive.retryDelayMs'),
      message: `must not exceed receive.maxRetryDelayMs (${receive.maxRetryDelayMs})`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed;
}
