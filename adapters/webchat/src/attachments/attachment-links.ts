import {
  SignatureError,
  SignedTokens,
  signatureMatches,
  signatureOf,
  type Attachment,
  type Clock,
  type SigningKey,
} from '@tvox-connector/core';
import { z } from 'zod';
import type { StoredFile } from './attachment-files.js';

/** What an attachment reference carries (short keys: it travels in every message frame). */
const Reference = z.object({
  f: z.uuid(),
  n: z.string().min(1),
  t: z.string().min(1),
  s: z.int().nonnegative(),
  v: z.string().min(1),
});
type Reference = z.infer<typeof Reference>;

/** The path of an uploaded file below the channel's base URL. */
export function filePath(fileId: string): string {
  return `/files/${fileId}`;
}

/** What a link's signature covers: the file and the link's expiry, one a line. */
function linkData(fileId: string, expires: string | number): string {
  return `${fileId}\n${expires}`;
}

/**
 * Signed references and links to uploaded files. A reference is what the widget gets back from an
 * upload and puts in its message: it proves the file was uploaded to this channel by this
 * visitor. A link is what TVox and agents fetch the file with: it works until it expires. A link
 * carries its expiry and signature as query parameters rather than as a token, the form of the
 * links TVox already keeps in its transcripts.
 */
export class AttachmentLinks {
  private readonly references: SignedTokens<Reference>;
  private readonly linkKey: SigningKey;

  constructor(
    secret: string,
    /** The channel's public base URL, e.g. `https://chat.example.com/channels/webchat`. */
    private readonly baseUrl: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.references = new SignedTokens({
      key: { secret, purpose: 'attachment' },
      payload: Reference,
      what: 'attachment reference',
    });
    this.linkKey = { secret, purpose: 'link' };
  }

  /** The reference to an uploaded file. */
  reference(file: StoredFile): string {
    return this.references.sign({
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
    const ref = this.references.open(reference);
    if (ref.v !== visitorId)
      throw new SignatureError('attachment reference belongs to another visitor');
    return { name: ref.n, contentType: ref.t, size: ref.s, url: this.url(ref.f) };
  }

  /** A link to the file that works for the configured time. */
  url(fileId: string): string {
    const expires = Math.floor(this.clock.now() / 1000) + this.ttlSeconds;
    const signature = signatureOf(this.linkKey, linkData(fileId, expires));
    return `${this.baseUrl}${filePath(fileId)}?expires=${expires}&signature=${signature}`;
  }

  /** Checks a link's signature in constant time, then its expiry; throws `SignatureError`. */
  check(fileId: string, expires: string | undefined, signature: string | undefined): void {
    if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires))
      throw new SignatureError('the file link lacks its expiry or signature');
    if (!signatureMatches(this.linkKey, linkData(fileId, expires), signature))
      throw new SignatureError('the file link has a wrong signature');
    if (Number(expires) * 1000 < this.clock.now())
      throw new SignatureError('the file link expired; ask for the file again');
  }
}
