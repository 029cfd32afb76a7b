import { createHmac } from 'node:crypto';
import { safeEqual } from '@tvox-connector/core';
import { z } from 'zod';
import type { FileRef } from '../webhook/parse.js';

const TokenPayload = z.object({
  /** Telegram's file_id. */
  f: z.string().min(1),
  /** File name. */
  n: z.string().min(1),
  /** MIME type. */
  t: z.string().min(1),
  /** Expiry, epoch seconds. */
  e: z.int(),
});

/**
 * Opaque, signed, expiring tokens that name a customer's file in the links handed to TVox:
 * base64url JSON, a dot, and its HMAC-SHA256. The bot token is never part of a link; the
 * connector resolves the file with it only when the link is fetched.
 */
export class FileTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** A token for `file`, valid for the configured time from now. */
  issue(file: FileRef): string {
    const payload = Buffer.from(
      JSON.stringify({
        f: file.fileId,
        n: file.name,
        t: file.contentType,
        e: Math.floor(this.now() / 1000) + this.ttlSeconds,
      }),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The file a token names, or why it is refused (forged, garbled, expired). */
  read(token: string): { ok: true; file: FileRef } | { ok: false; reason: string } {
    const [payload, signature, ...rest] = token.split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) {
      return { ok: false, reason: 'not a file token' };
    }
    if (!safeEqual(signature, this.sign(payload))) return { ok: false, reason: 'bad signature' };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'garbled token' };
    }
    const parsed = TokenPayload.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'garbled token' };
    if (parsed.data.e * 1000 <= this.now()) return { ok: false, reason: 'expired link' };
    return {
      ok: true,
      file: { fileId: parsed.data.f, name: parsed.data.n, contentType: parsed.data.t },
    };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
