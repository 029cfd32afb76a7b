import { randomUUID } from 'node:crypto';
import { SignatureError, type Clock } from '@tvox-connector/core';
import { z } from 'zod';
import type { VerifiedIdentity } from './host-identity.js';
import { openSignedValue, signValue } from './signed-value.js';

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

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Visitor tokens: an HMAC-signed visitor id (and host identity) that the widget keeps in the
 * browser's localStorage and presents on every request and socket. Forging one needs the secret.
 */
export class VisitorTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlDays: number,
    private readonly clock: Clock,
  ) {}

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
    return signValue(this.secret, 'visitor', {
      v: visitor.id,
      iat: Math.floor(this.clock.now() / 1000),
      ...(visitor.identity === undefined ? {} : { id: visitor.identity }),
    });
  }

  /** The visitor a token names. Throws `SignatureError` for a forged, malformed or expired one. */
  open(token: string): Visitor {
    const value = openSignedValue(this.secret, 'visitor', token, 'visitor token');
    const payload = TokenPayload.safeParse(value);
    if (!payload.success) throw new SignatureError('visitor token has an unknown shape');
    const ageSeconds = this.clock.now() / 1000 - payload.data.iat;
    if (ageSeconds > this.ttlDays * DAY_SECONDS)
      throw new SignatureError('visitor token expired; the widget asks for a new one');
    const identity = payload.data.id;
    return { id: payload.data.v, ...(identity === undefined ? {} : { identity }) };
  }
}
