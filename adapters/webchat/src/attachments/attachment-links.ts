import { SignatureError, safeEqual, type Attachment, type Clock } from '@tvox-connector/core';
import { z } from 'zod';
import { openSignedValue, purposeMac, signValue } from '../identity/signed-value.js';
import type { StoredFile } from './attachment-files.js';

/** What an attachment reference carries (short keys: it travels in every message frame). */
const Reference = z.object({
  f: z.uuid(),
  n: z.string().min(1),
  t: z.string().min(1),
  s: z.int().nonnegative(),
  v: z.string().min(1),
});

/** The path of an uploaded file below the channel's base URL. */
export function filePath(fileId: string): string {
  return `/files/${fileId}`;
}

/**
 * Signed references and links to uploaded files. A reference is what the widget gets back from an
 * upload and puts in its message: it proves the file was uploaded to this channel by this
 * visitor. A link is what TVox and agents fetch the file with: it works until it expires.
 */
export class AttachmentLinks {
  constructor(
    private readonly secret: string,
    /** The channel's public base URL, e.g. `https://chat.example.com/channels/webchat`. */
    private readonly baseUrl: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** The reference to an uploaded file. */
  reference(file: StoredFile): string {
    return signValue(this.secret, 'attachment', {
      f: file.id,
      n: file.name,
      t: file.contentType,
      s: file.size,
      v: file.visitorId,
    });
  }

  /**
   * The attachment a reference names, with a fresh link. Throws `SignatureError` when the
   * reference is forged or was uploaded by another visitor.
   */
  resolve(reference: string, visitorId: string): Attachment {
    const value = openSignedValue(this.secret, 'attachment', reference, 'attachment reference');
    const ref = Reference.safeParse(value);
    if (!ref.success) throw new SignatureError('attachment reference has an unknown shape');
    if (ref.data.v !== visitorId)
      throw new SignatureError('attachment reference belongs to another visitor');
    return {
      name: ref.data.n,
      contentType: ref.data.t,
      size: ref.data.s,
      url: this.url(ref.data.f),
    };
  }

  /** A link to the file that works for the configured time. */
  url(fileId: string): string {
    const expires = Math.floor(this.clock.now() / 1000) + this.ttlSeconds;
    const signature = purposeMac(this.secret, 'link', `${fileId}\n${expires}`);
    return `${this.baseUrl}${filePath(fileId)}?expires=${expires}&signature=${signature}`;
  }

  /** Checks a link's signature in constant time, then its expiry; throws `SignatureError`. */
  check(fileId: string, expires: string | undefined, signature: string | undefined): void {
    if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires))
      throw new SignatureError('the file link lacks its expiry or signature');
    if (!safeEqual(signature, purposeMac(this.secret, 'link', `${fileId}\n${expires}`)))
      throw new SignatureError('the file link has a wrong signature');
    if (Number(expires) * 1000 < this.clock.now())
      throw new SignatureError('the file link expired; ask for the file again');
  }
}
