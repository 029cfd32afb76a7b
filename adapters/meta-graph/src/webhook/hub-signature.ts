import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureError, type WebhookRequest } from '@tvox-connector/core';

/** The header Meta signs every webhook POST in (lower case, as core hands headers). */
export const HUB_SIGNATURE_HEADER = 'x-hub-signature-256';

/** What the header holds: `sha256=` and 64 hexadecimal digits. */
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * The `X-Hub-Signature-256` value Meta sends with `body`: `sha256=` followed by the hexadecimal
 * HMAC-SHA256 of the body's bytes under the app secret.
 */
export function hubSignature(appSecret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Checks that a webhook POST comes from Meta: `X-Hub-Signature-256` must be the HMAC-SHA256 of
 * the **raw** body (the bytes as received, never JSON re-serialised: Meta escapes some characters
 * that a parser would not give back) under the app secret, compared in constant time. Runs before
 * anything is parsed. Throws `SignatureError` (answered 401).
 */
export function verifyHubSignature(request: WebhookRequest, appSecret: string): void {
  const given = request.headers[HUB_SIGNATURE_HEADER];
  if (given === undefined) throw new SignatureError('missing X-Hub-Signature-256');
  const digits = SIGNATURE.exec(given.trim())?.[1];
  if (digits === undefined) {
    throw new SignatureError('X-Hub-Signature-256 is not "sha256=" and 64 hexadecimal digits');
  }
  const expected = createHmac('sha256', appSecret).update(request.rawBody).digest();
  // Both are 32 bytes once the format is checked, so the comparison leaks nothing of the secret.
  if (!timingSafeEqual(Buffer.from(digits, 'hex'), expected)) {
    throw new SignatureError(
      'X-Hub-Signature-256 does not match the body; check that appSecret is the app secret of the Meta app that subscribed this webhook',
    );
  }
}
