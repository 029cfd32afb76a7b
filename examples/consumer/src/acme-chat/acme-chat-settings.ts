import { HttpUrl, channelPath, parseSection } from '@tvox-connector/core';
import { z } from 'zod';

/** An Acme Chat channel's `settings` in the connector configuration. */
export const AcmeChatSettings = z.strictObject({
  /** The Acme Chat API's base URL; a test points it at its fake. */
  apiUrl: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** The bearer token the connector calls the API with. */
  accessToken: z.string().min(1),
  /** The secret Acme Chat signs its webhooks with (HMAC-SHA256 of the body). */
  webhookSecret: z.string().min(16, 'expected a secret of 16 characters or more'),
  /** Longest wait for one API call, in milliseconds. */
  timeoutMs: z.int().positive().default(10_000),
});
/** An Acme Chat channel's `settings`, defaults applied. */
export type AcmeChatSettings = z.infer<typeof AcmeChatSettings>;

/** Validates a channel's settings; throws `ConfigError` listing every problem with its path. */
export function parseAcmeChatSettings(channel: string, settings: unknown): AcmeChatSettings {
  return parseSection(AcmeChatSettings, settings, channelPath(channel, 'settings'));
}
