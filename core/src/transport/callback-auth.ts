import { createHmac } from 'node:crypto';
import type { CallbackAuth } from '../config/connector-config.js';
import { SignatureError } from '../errors/input-errors.js';
import { safeEqual } from '../security/safe-equal.js';

/** The hex HMAC-SHA256 of `body` with `secret`, as TVox signs its pushes. */
export function callbackSignature(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Checks that a push to the connector's callback comes from TVox: HTTP Basic credentials, or an
 * HMAC-SHA256 of the raw body in a header (hex, optionally prefixed `sha256=`). Runs before the
 * body is parsed; throws `SignatureError` (answered 401) otherwise.
 */
export function verifyCallbackAuth(
  auth: CallbackAuth,
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
): void {
  if (auth.kind === 'basic') {
    const header = headers.authorization ?? '';
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new SignatureError('missing Basic credentials');
    const expected = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    if (!safeEqual(match[1], expected)) throw new SignatureError('wrong Basic credentials');
    return;
  }
  const given = headers[auth.header.toLowerCase()];
  if (given === undefined) throw new SignatureError(`missing ${auth.header} header`);
  const signature = given.replace(/^sha256=/i, '').toLowerCase();
  if (!safeEqual(signature, callbackSignature(auth.secret, rawBody))) {
    throw new SignatureError(`${auth.header} does not match the body`);
  }
}
