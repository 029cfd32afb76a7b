import {
  SignatureError,
  safeEqual,
  type ParseResult,
  type WebhookRequest,
} from '@tvox-connector/core';

/**
 * Whether a request is Meta's subscription handshake: the `GET` it sends to the callback URL when
 * the webhook is set up in the App Dashboard. Every notification after it is a signed `POST`.
 */
export function isSubscriptionHandshake(request: WebhookRequest): boolean {
  return request.method === 'GET';
}

/**
 * Checks the handshake: `hub.mode` must be `subscribe` and `hub.verify_token` the verify token
 * entered in the App Dashboard, compared in constant time. Throws `SignatureError` (answered 401,
 * so Meta reports the callback as not verified).
 */
export function verifySubscriptionHandshake(request: WebhookRequest, verifyToken: string): void {
  const { query } = request;
  if (query['hub.mode'] !== 'subscribe') {
    throw new SignatureError(
      'a GET to the webhook must be the subscription handshake (hub.mode=subscribe)',
    );
  }
  const given = query['hub.verify_token'];
  if (given === undefined || !safeEqual(given, verifyToken)) {
    throw new SignatureError(
      'hub.verify_token does not match; enter the channel’s verifyToken as the Verify Token in the App Dashboard',
    );
  }
}

/**
 * The answer to a verified handshake: `hub.challenge` echoed as `text/plain`, as Meta expects
 * before it sends any notification. A handshake without a challenge is answered 400.
 */
export function subscriptionReply(request: WebhookRequest): ParseResult {
  const challenge = request.query['hub.challenge'];
  if (challenge === undefined || challenge === '') {
    return {
      kind: 'reply',
      status: 400,
      contentType: 'text/plain; charset=utf-8',
      body: 'missing hub.challenge',
    };
  }
  return { kind: 'reply', status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
}
