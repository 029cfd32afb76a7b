import { SignatureError, safeEqual } from '@tvox-connector/core';
import { createHmac } from 'node:crypto';
import type { FormField } from './form.js';

/** The header Twilio signs its webhooks in (lower case, as core hands headers). */
export const SIGNATURE_HEADER = 'x-twilio-signature';

/**
 * Twilio's request signature: base64 of the HMAC-SHA1, keyed with the Auth Token, of the full
 * URL Twilio called (query string included) followed by every POST parameter sorted by name,
 * each name immediately followed by its value. Parameters with the same name stay in the order
 * they came.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  fields: readonly FormField[],
): string {
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const [name, value] of sorted) hmac.update(name, 'utf8').update(value, 'utf8');
  return hmac.digest('base64');
}

/**
 * Checks `X-Twilio-Signature` against the signature of `url` (the public URL configured on
 * Twilio's side, never one rebuilt from the request's Host) and `fields`, in constant time.
 * Throws `SignatureError` (answered 401).
 */
export function verifyTwilioSignature(
  given: string | undefined,
  authToken: string,
  url: string,
  fields: readonly FormField[],
): void {
  if (given === undefined) throw new SignatureError('missing X-Twilio-Signature');
  if (!safeEqual(given, twilioSignature(authToken, url, fields))) {
    throw new SignatureError(
      'X-Twilio-Signature does not match: check the Auth Token and that settings.publicUrl is ' +
        'the URL entered in the Twilio console',
    );
  }
}

/**
 * The POST parameters as Twilio signed them, read leniently (a broken escape is kept as it is):
 * the signature is checked before the body is judged, so that a forged body of any shape is a
 * `SignatureError`, and what is not form encoding is refused by the parser afterwards.
 */
export function signedFields(rawBody: Buffer): FormField[] {
  return [...new URLSearchParams(rawBody.toString('utf8'))];
}
