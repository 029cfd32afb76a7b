import { SignatureError, type WebhookRequest } from '@tvox-connector/core';
import type { Visitor, VisitorTokens } from '../identity/visitor-token.js';

/** The token of `Authorization: Bearer <token>`, if the header carries one. */
export function bearerToken(
  headers: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/**
 * Checks that a visitor request (an HTTP POST or a WebSocket frame, which the socket presents as
 * one) carries a valid visitor token, `Authorization: Bearer <token>`, before anything is parsed.
 * The HMAC is compared in constant time. Throws `SignatureError` (answered 401).
 */
export function verifyVisitorRequest(request: WebhookRequest, tokens: VisitorTokens): Visitor {
  const token = bearerToken(request.headers);
  if (token === undefined)
    throw new SignatureError('missing "Authorization: Bearer" visitor token');
  return tokens.open(token);
}
