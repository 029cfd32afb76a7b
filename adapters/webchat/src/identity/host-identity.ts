import { createHmac } from 'node:crypto';
import { SignatureError, parseInput, safeEqual } from '@tvox-connector/core';
import { z } from 'zod';

/** No line breaks: the canonical form separates fields with them. */
const Field = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\r\n]*$/, 'must not contain line breaks');

/**
 * The visitor's identity as the host site vouches for it: what its page passes to the widget
 * (`data-identity-*` attributes). `signature` is the hex HMAC-SHA256 of
 * {@link canonicalIdentity} with the channel's `identitySecret`.
 */
export const HostIdentity = z
  .object({
    /** The host site's id of the user; the same id finds the same conversation on any device. */
    externalId: Field.regex(/^[\w.@:+-]+$/, 'letters, digits and . @ : + - _ only')
      .max(128)
      .optional(),
    /** Name shown to the agent. */
    name: Field.optional(),
    /** E-mail shown to the agent. */
    email: z.email().max(256).optional(),
    /** When the host signed it, in seconds since the Unix epoch. */
    issuedAt: z.int().nonnegative(),
    /** Hex HMAC-SHA256 of the canonical form. */
    signature: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits'),
  })
  .refine((i) => i.externalId ?? i.name ?? i.email, {
    message: 'an identity needs at least one of externalId, name, email',
  });
/** The visitor's identity as the host site signed it. */
export type HostIdentity = z.infer<typeof HostIdentity>;

/** An identity whose signature and age were checked. */
export type VerifiedIdentity = Omit<HostIdentity, 'signature' | 'issuedAt'>;

/**
 * The exact text a host signs: five lines joined with `\n`, an absent field being an empty line:
 * `tvox-webchat-identity-v1`, externalId, name, email, issuedAt (decimal seconds).
 */
export function canonicalIdentity(identity: Omit<HostIdentity, 'signature'>): string {
  return [
    'tvox-webchat-identity-v1',
    identity.externalId ?? '',
    identity.name ?? '',
    identity.email ?? '',
    String(identity.issuedAt),
  ].join('\n');
}

/** Whether the identity carries the hex HMAC-SHA256 of its canonical form, in constant time. */
function signedByHost(identity: HostIdentity, secret: string): boolean {
  const expected = createHmac('sha256', secret)
    .update(canonicalIdentity(identity), 'utf8')
    .digest('hex');
  return safeEqual(identity.signature.toLowerCase(), expected);
}

/** Tolerated difference between the host's clock and ours, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Checks an identity from the host page: shape (`InvalidInputError`), signature in constant time
 * and age (`SignatureError`). A forged, altered or stale identity is refused, never used.
 */
export function verifyHostIdentity(
  value: unknown,
  identitySecret: string | undefined,
  maxAgeSeconds: number,
  nowMs: number,
): VerifiedIdentity {
  const identity = parseInput(HostIdentity, value, 'host identity');
  if (identitySecret === undefined)
    throw new SignatureError(
      'this channel takes no identity from the host page (set identitySecret in its settings)',
    );
  if (!signedByHost(identity, identitySecret))
    throw new SignatureError('the host identity signature does not match');
  const ageSeconds = nowMs / 1000 - identity.issuedAt;
  if (ageSeconds > maxAgeSeconds)
    throw new SignatureError(
      `the host identity was signed ${Math.floor(ageSeconds)} s ago, more than the ${maxAgeSeconds} s allowed; sign it when serving the page`,
    );
  if (ageSeconds < -CLOCK_SKEW_SECONDS)
    throw new SignatureError('the host identity is signed in the future; check the host clock');
  return {
    ...(identity.externalId === undefined ? {} : { externalId: identity.externalId }),
    ...(identity.name === undefined ? {} : { name: identity.name }),
    ...(identity.email === undefined ? {} : { email: identity.email }),
  };
}
