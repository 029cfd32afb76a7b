import { z } from 'zod';
import { HttpUrl, NonEmptyString } from './primitives.js';

/**
 * A file sent with a message, in either direction. The file itself is never carried inline: `url`
 * is where the receiving side fetches it (for inbound attachments a connector URL, so that a
 * network's credentials never reach TVox).
 */
export const Attachment = z.object({
  /** File name shown to the reader, e.g. `invoice.pdf`. */
  name: NonEmptyString,
  /** MIME type, e.g. `image/jpeg`. */
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a MIME type such as "image/png"'),
  /** Size in bytes. */
  size: z.int().nonnegative(),
  /** Where the file can be fetched. */
  url: HttpUrl,
});
/** A file sent with a message. */
export type Attachment = z.infer<typeof Attachment>;
