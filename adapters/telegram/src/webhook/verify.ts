import { SignatureError, safeEqual, type WebhookHeaders } from '@tvox-connector/core';

/** The header Telegram sends the webhook's `secret_token` in (lower case, as core hands headers). */
export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Checks that a webhook comes from Telegram: the `X-Telegram-Bot-Api-Secret-Token` header must
 * equal the secret given to `setWebhook`, compared in constant time. Without a secret (the
 * channel long-polls) every webhook is refused. Throws `SignatureError` (answered 401). Reads
 * only headers, so the server runs it before the body is read.
 */
export function verifySecretToken(request: WebhookHeaders, secretToken: string | undefined): void {
  const given = request.headers[SECRET_TOKEN_HEADER];
  if (secretToken === undefined) {
    throw new SignatureError('this Telegram channel long-polls and takes no webhooks');
  }
  if (given === undefined) throw new SignatureError('missing X-Telegram-Bot-Api-Secret-Token');
  if (!safeEqual(given, secretToken)) {
    throw new SignatureError('X-Telegram-Bot-Api-Secret-Token does not match');
  }
}
