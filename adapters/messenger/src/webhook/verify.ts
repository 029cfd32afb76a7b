import type { WebhookRequest } from '@tvox-connector/core';
import { verifyMetaWebhook } from '@tvox-connector/meta-graph';
import type { MessengerSettings } from '../messenger-settings.js';

/**
 * Checks that a request to the webhook comes from Meta: the `GET` subscription handshake by the
 * channel's `verifyToken`, every notification by its `X-Hub-Signature-256` over the raw body
 * under the `appSecret`. Throws `SignatureError` (answered 401).
 */
export function verifyMessengerWebhook(request: WebhookRequest, settings: MessengerSettings): void {
  verifyMetaWebhook(request, settings);
}
