import { createHmac } from 'node:crypto';
import { SignatureError, safeEqual, type WebhookRequest } from '@tvox-connector/core';

/** The header Acme Chat signs its webhooks in: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'x-acme-signature';

/** The signature Acme Chat sends with `body` when it signs with `secret`. */
export function signatureOf(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Checks, before anything is parsed and in constant time, that a webhook comes from Acme Chat. */
export function verifyWebhook(request: WebhookRequest, secret: string): void {
  const given = request.headers[SIGNATURE_HEADER];
  if (given === undefined) throw new SignatureError(`missing ${SIGNATURE_HEADER} header`);
  if (!safeEqual(given, signatureOf(request.rawBody, secret)))
    throw new SignatureError(`wrong ${SIGNATURE_HEADER} signature`);
}
