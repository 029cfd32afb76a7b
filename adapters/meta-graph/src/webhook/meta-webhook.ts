import { type WebhookRequest } from '@tvox-connector/core';
import { verifyHubSignature } from './hub-signature.js';
import { isSubscriptionHandshake, verifySubscriptionHandshake } from './subscription-handshake.js';

/** The secrets a Meta webhook is checked with. */
export interface MetaWebhookSecrets {
  /** The app secret (App Dashboard, App settings > Basic): signs every POST. */
  readonly appSecret: string;
  /** The verify token entered with the callback URL: checked in the GET handshake. */
  readonly verifyToken: string;
}

/**
 * Verifies a request to a Meta webhook before anything is parsed: the `GET` subscription
 * handshake by its verify token, every other request by its `X-Hub-Signature-256`. Throws
 * `SignatureError` (answered 401).
 */
export function verifyMetaWebhook(request: WebhookRequest, secrets: MetaWebhookSecrets): void {
  if (isSubscriptionHandshake(request)) verifySubscriptionHandshake(request, secrets.verifyToken);
  else verifyHubSignature(request, secrets.appSecret);
}
