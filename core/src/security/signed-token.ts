import { z } from 'zod';
import { SignedTokenError } from '../errors/input-errors.js';
import type { Clock } from '../interfaces/clock.js';
import { signatureMatches, signatureOf, type SigningKey } from './signing-key.js';

/** How long the tokens of a {@link SignedTokens} stay valid once issued. */
export interface TokenExpiry {
  /** Seconds from issue to expiry. */
  readonly ttlSeconds: number;
  /** Where issue and check read the time. */
  readonly clock: Pick<Clock, 'now'>;
}

/** What a {@link SignedTokens} signs with and expects. */
export interface SignedTokensOptions<T> {
  /** The secret and purpose the tokens are signed with. */
  readonly key: SigningKey;
  /** The payload a token must carry; checked on open, after the signature. */
  readonly payload: z.ZodType<T>;
  /** Names the token in refusals, e.g. `visitor token`. */
  readonly what: string;
  /** When tokens expire; never, when absent. */
  readonly expiry?: TokenExpiry;
}

/** The field of an expiring token's JSON holding its expiry, in seconds since the epoch. */
const Expiry = z.object({ e: z.int() });

/**
 * Signed tokens the connector hands out and takes back: `base64url(json).base64url(hmac)`, the
 * HMAC-SHA256 of the first part under the key (see {@link SigningKey}). Anyone can read the
 * payload; no one can change it without the secret, so keep secrets out of it. An expiring token
 * carries its expiry as the field `e` of its JSON, which its payload therefore leaves free. The
 * web chat's visitor tokens and file references and Telegram's file links are all of this form.
 */
export class SignedTokens<T extends object & { readonly e?: never }> {
  constructor(private readonly options: SignedTokensOptions<T>) {}

  /** A token carrying `payload`, with its expiry when the tokens expire. */
  sign(payload: T): string {
    const { expiry } = this.options;
    const json =
      expiry === undefined
        ? payload
        : { ...payload, e: Math.floor(expiry.clock.now() / 1000) + expiry.ttlSeconds };
    const data = Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
    return `${data}.${signatureOf(this.options.key, data)}`;
  }

  /**
   * The payload of a token made by {@link sign} with the same key: its signature checked in
   * constant time, then its payload, then its expiry. Throws `SignedTokenError` for anything
   * else, whatever the string, and nothing but that.
   */
  open(token: string): T {
    const json = this.signedJson(token);
    const payload = this.options.payload.safeParse(json);
    if (!payload.success) throw this.unknownShape();
    this.refuseExpired(json);
    return payload.data;
  }

  /** The JSON a token carries, once its signature matches. */
  private signedJson(token: string): unknown {
    const { key, what } = this.options;
    const [data, signature, ...rest] = token.split('.');
    if (data === undefined || data === '' || signature === undefined || rest.length > 0)
      throw new SignedTokenError('malformed', `malformed ${what}`);
    if (!signatureMatches(key, data, signature))
      throw new SignedTokenError('forged', `${what} has a wrong signature`);
    try {
      return JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown;
    } catch (error) {
      throw new SignedTokenError('unreadable', `${what} does not carry JSON`, { cause: error });
    }
  }

  /** When tokens expire, refuses one that carries no expiry or is past it. */
  private refuseExpired(json: unknown): void {
    const { expiry, what } = this.options;
    if (expiry === undefined) return;
    const stamped = Expiry.safeParse(json);
    if (!stamped.success) throw this.unknownShape();
    if (stamped.data.e * 1000 <= expiry.clock.now())
      throw new SignedTokenError('expired', `${what} expired`);
  }

  private unknownShape(): SignedTokenError {
    return new SignedTokenError('unreadable', `${this.options.what} has an unknown shape`);
  }
}
