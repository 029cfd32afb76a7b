import { SignedTokenError, SignedTokens, type SignedTokenProblem } from '@tvox-connector/core';
import { z } from 'zod';

/** A customer's file as a Meta webhook names it: where Meta serves it, and what it is. */
export interface MediaRef {
  /** Meta's URL of the file (its CDN's, signed by Meta and expiring). */
  readonly url: string;
  /** File name shown to the agent. */
  readonly name: string;
  /** MIME type. */
  readonly contentType: string;
}

const TokenPayload = z.object({
  /** Meta's URL of the file. */
  u: z.string().min(1),
  /** File name. */
  n: z.string().min(1),
  /** MIME type. */
  t: z.string().min(1),
});
type TokenPayload = z.infer<typeof TokenPayload>;

/** What the media route answers for each refusal (an expired link is 410, the others 403). */
const REASONS: Readonly<Record<SignedTokenProblem, string>> = {
  malformed: 'not a media token',
  forged: 'bad signature',
  unreadable: 'garbled token',
  expired: 'expired link',
};

/** What signs media links. */
export interface MediaLinkOptions {
  /** The HMAC-SHA256 secret; changing it invalidates the links handed out. */
  readonly secret: string;
  /** How long a link works once issued. */
  readonly ttlSeconds: number;
  /** Epoch milliseconds now. */
  readonly now: () => number;
}

/**
 * The signed, expiring tokens of the links to customers' files that TVox is given
 * (`{publicUrl}/media?token=...`, see core's `SignedTokens`, purpose `meta-media`). TVox fetches
 * the file through the connector, which fetches it from Meta at that moment: no access token ever
 * appears in a link, and the link works as long as Meta keeps the file.
 */
export class MediaLinks {
  private readonly tokens: SignedTokens<TokenPayload>;

  constructor(options: MediaLinkOptions) {
    this.tokens = new SignedTokens({
      key: { secret: options.secret, purpose: 'meta-media' },
      payload: TokenPayload,
      what: 'media token',
      expiry: { ttlSeconds: options.ttlSeconds, clock: { now: options.now } },
    });
  }

  /** A token for `media`, valid for the configured time from now. */
  issue(media: MediaRef): string {
    return this.tokens.sign({ u: media.url, n: media.name, t: media.contentType });
  }

  /** The file a token names, or why it is refused (forged, garbled, expired). */
  read(token: string): { ok: true; media: MediaRef } | { ok: false; reason: string } {
    try {
      const payload = this.tokens.open(token);
      return { ok: true, media: { url: payload.u, name: payload.n, contentType: payload.t } };
    } catch (error) {
      if (!(error instanceof SignedTokenError)) throw error;
      return { ok: false, reason: REASONS[error.problem] };
    }
  }
}
