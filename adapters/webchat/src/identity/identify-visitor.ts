import { parseInput, type Clock } from '@tvox-connector/core';
import { z } from 'zod';
import type { WebchatSettings } from '../webchat-settings.js';
import { verifyHostIdentity } from './host-identity.js';
import { VisitorTokens, type Visitor } from './visitor-token.js';

/** What the widget sends when it starts: the token it kept, and the host's identity if any. */
export const IdentifyRequest = z.object({
  token: z.string().min(1).max(4096).optional(),
  identity: z.unknown().optional(),
});
/** What the widget sends when it starts. */
export type IdentifyRequest = z.infer<typeof IdentifyRequest>;

/**
 * The visitor a starting widget is, and their (new or renewed) token. A kept token that is still
 * valid keeps its visitor, so a returning visitor finds their conversation; an expired or foreign
 * one starts a new visitor. A host identity is verified (a forged or stale one throws
 * `SignatureError`, never ignored) and, when it has an external id, names the conversation, so the
 * same user finds it from any browser.
 */
export function identifyVisitor(
  body: unknown,
  tokens: VisitorTokens,
  settings: WebchatSettings,
  clock: Clock,
): { readonly visitor: Visitor; readonly token: string } {
  const request = parseInput(IdentifyRequest, body ?? {}, 'visitor start request');
  let kept: Visitor | undefined;
  if (request.token !== undefined) {
    try {
      kept = tokens.open(request.token);
    } catch {
      kept = undefined;
    }
  }
  let visitor: Visitor;
  if (request.identity === undefined) {
    visitor = kept ?? { id: VisitorTokens.newVisitorId() };
  } else {
    const identity = verifyHostIdentity(
      request.identity,
      settings.identitySecret,
      settings.identityMaxAgeSeconds,
      clock.now(),
    );
    const id =
      identity.externalId === undefined
        ? (kept?.id ?? VisitorTokens.newVisitorId())
        : VisitorTokens.externalVisitorId(identity.externalId);
    visitor = { id, identity };
  }
  return { visitor, token: tokens.issue(visitor) };
}
