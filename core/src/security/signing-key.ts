import { createHmac } from 'node:crypto';
import { safeEqual } from './safe-equal.js';

/**
 * A secret, and what it signs. With a `purpose`, the HMAC covers the purpose and a line break
 * before the data, so that what the connector signed for one purpose (a file reference) is never
 * taken for another (a visitor token) signed with the same secret.
 */
export interface SigningKey {
  /** The HMAC-SHA256 key. Never logged, never part of what it signs. */
  readonly secret: string;
  /**
   * What the key signs, e.g. `visitor`; one line. Absent, the HMAC covers the data alone: the
   * form Telegram's file links were issued in, kept so that links TVox already holds still work.
   */
  readonly purpose?: string;
}

/** The base64url HMAC-SHA256 of `data` under `key`. */
export function signatureOf(key: SigningKey, data: string): string {
  const signed = key.purpose === undefined ? data : `${key.purpose}\n${data}`;
  return createHmac('sha256', key.secret).update(signed, 'utf8').digest('base64url');
}

/**
 * Whether `given` is {@link signatureOf} `data` under `key`, compared in constant time. The text
 * is compared, not the decoded bytes: base64url decoding skips characters it does not know, so an
 * altered signature could decode to the right bytes.
 */
export function signatureMatches(key: SigningKey, data: string, given: string): boolean {
  return safeEqual(given, signatureOf(key, data));
}
