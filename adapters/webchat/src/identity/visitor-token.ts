import { randomUUID } from 'node:crypto';
import { SignedTokenError, SignedTokens, type Clock } from '@tvox-connector/core';
import { z } from 'zod';
import type { VerifiedIdentity } from './host-identity.js';

/** A visitor as their token says: the id is also their conversation's id. */
export interface Visitor {
  readonly id: string;
  /** From a host-signed identity, if one was given. */
  readonly identity?: VerifiedIdentity;
}

const TokenPayload = z.object({
  /** Visitor id. */
  v: z.string().min(1).max(200),
  /** Issued at, epoch seconds. */
  iat: z.int().nonnegative(),
  /** The host-verified identity, if any. */
  id: z
    .object({
      externalId: z.string().optional(),
      name: z.string().optional(),
      email: z.string().optional(),
    })
    .optional(),
});
type TokenPayload = z.infer<typeof TokenPayload>;

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Visitor tokens: an HMAC-signed visitor id (and host identity) that the widget keeps in the
 * browser's localStorage and presents on every request and socket. Forging one needs the secret.
 * A token carries when it was issued rather than an expiry: its lifetime is the channel's
 * `visitorTokenTtlDays` as set when it comes back, so shortening the setting also shortens the
 * tokens browsers already hold.
 */
export class VisitorTokens {
  private readonly tokens: SignedTokens<TokenPayload>;

  constructor(
    secret: string,
    private readonly ttlDays: number,
    private readonly clock: Clock,
  ) {
    this.tokens = new SignedTokens({
      key: { secret, purpose: 'visitor' },
      payload: TokenPayload,
      what: 'visitor token',
    });
  }

  /** A new anonymous visitor id. */
  static newVisitorId(): string {
    return `v-${randomUUID()}`;
  }

  /** The visitor id for a host-verified external id: the same user, the same conversation. */
  static externalVisitorId(externalId: string): string {
    return `x-${externalId}`;
  }

  /** A token for `visitor`, valid for the configured number of days. */
  issue(visitor: Visitor): string {
    return this.tokens.sign({
      v: visitor.id,
      iat: Math.floor(this.clock.now() / 1000),
      ...(visitor.identity === undefined ? {} : { id: visitor.identity }),
    });
  }

  /** The visitor a token names; throws `SignedTokenError` when forged, malformed or expired. */
  open(token: string): Visitor {
    const payload = this.tokens.open(token);
    const ageSeconds = this.clock.now() / 1000 - payload.iat;
    if (ageSeconds > this.ttlDays * DAY_SECONDS)
      throw new SignedTokenError('expired', 'visitor token expired; the widget asks for a new one');
    const identity = payload.id;
    return { id: payload.v, ...(identity === undefined ? {} : { identity }) };
  }
}
