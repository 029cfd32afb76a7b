import { createHmac } from 'node:crypto';
import { SignatureError, safeEqual } from '@tvox-connector/core';

/**
 * What a signed value is for. Each purpose signs with its own key derived from the secret, so a
 * value signed for one purpose (an attachment reference) is never accepted as another (a visitor
 * token).
 */
export type SignaturePurpose = 'visitor' | 'attachment' | 'link';

/** The base64url HMAC-SHA256 of `data` with `secret`, under `purpose`'s own key. */
export function purposeMac(secret: string, purpose: SignaturePurpose, data: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${data}`, 'utf8').digest('base64url');
}

/**
 * Signs a JSON-serialisable value as `base64url(json).base64url(hmac)`: readable by anyone,
 * changeable by no one without the secret.
 */
export function signValue(secret: string, purpose: SignaturePurpose, value: unknown): string {
  const data = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${data}.${purposeMac(secret, purpose, data)}`;
}

/**
 * The value inside a string made by {@link signValue}, once its HMAC is checked in constant time.
 * Throws `SignatureError` naming `what` when it is malformed or signed with another secret or for
 * another purpose. The caller validates the shape of what it gets back.
 */
export function openSignedValue(
  secret: string,
  purpose: SignaturePurpose,
  signed: string,
  what: string,
): unknown {
  const [data, signature, ...rest] = signed.split('.');
  if (data === undefined || signature === undefined || rest.length > 0 || data === '')
    throw new SignatureError(`malformed ${what}`);
  if (!safeEqual(signature, purposeMac(secret, purpose, data)))
    throw new SignatureError(`${what} has a wrong signature`);
  try {
    return JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown;
  } catch (error) {
    // Only reachable with the right secret, i.e. a bug on our side rather than a forgery.
    throw new SignatureError(`${what} does not carry JSON`, { cause: error });
  }
}

/** A hex HMAC-SHA256 of `data` with `secret`, compared with `given` in constant time. */
export function hmacHexMatches(secret: string, data: string, given: string): boolean {
  const expected = createHmac('sha256', secret).update(data, 'utf8').digest('hex');
  return safeEqual(given.toLowerCase(), expected);
}
