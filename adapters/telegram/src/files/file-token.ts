import { SignedTokenError, SignedTokens, type SignedTokenProblem } from '@tvox-connector/core';
import { z } from 'zod';
import type { FileRef } from '../webhook/parse.js';

const TokenPayload = z.object({
  /** Telegram's file_id. */
  f: z.string().min(1),
  /** File name. */
  n: z.string().min(1),
  /** MIME type. */
  t: z.string().min(1),
});
type TokenPayload = z.infer<typeof TokenPayload>;

/** What the file route answers for each refusal (an expired link is 410, the others 403). */
const REASONS: Readonly<Record<SignedTokenProblem, string>> = {
  malformed: 'not a file token',
  forged: 'bad signature',
  unreadable: 'garbled token',
  expired: 'expired link',
};

/**
 * Opaque, signed, expiring tokens that name a customer's file in the links handed to TVox (see
 * core's `SignedTokens`). The bot token is never part of a link; the connector resolves the file
 * with it only when the link is fetched. They are signed without a purpose, as they always were,
 * so that links TVox already holds keep working; the secret signs nothing else.
 */
export class FileTokens {
  private readonly tokens: SignedTokens<TokenPayload>;

  constructor(secret: string, ttlSeconds: number, now: () => number) {
    this.tokens = new SignedTokens({
      key: { secret },
      payload: TokenPayload,
      what: 'file token',
      expiry: { ttlSeconds, clock: { now } },
    });
  }

  /** A token for `file`, valid for the configured time from now. */
  issue(file: FileRef): string {
    return this.tokens.sign({ f: file.fileId, n: file.name, t: file.contentType });
  }

  /** The file a token names, or why it is refused (forged, garbled, expired). */
  read(token: string): { ok: true; file: FileRef } | { ok: false; reason: string } {
    try {
      const payload = this.tokens.open(token);
      return { ok: true, file: { fileId: payload.f, name: payload.n, contentType: payload.t } };
    } catch (error) {
      if (!(error instanceof SignedTokenError)) throw error;
      return { ok: false, reason: REASONS[error.problem] };
    }
  }
}
