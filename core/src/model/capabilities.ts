import { z } from 'zod';

/**
 * What a network renders. Core adapts every outbound message to these before calling the adapter
 * (splits long text, turns quick replies into numbered text, sends a link for a file that is too
 * big or of a refused type), so an adapter never receives what it declared it cannot send.
 */
export const Capabilities = z.object({
  /** Longest text one message may carry, in characters (UTF-16 code units). */
  maxTextLength: z.int().positive(),
  /** File sending; absent when the network cannot send files. */
  attachments: z
    .object({
      /** Largest file accepted, in bytes. */
      maxBytes: z.int().positive(),
      /** Accepted MIME types; `type/*` wildcards allowed, e.g. `image/*`. */
      contentTypes: z.array(z.string().regex(/^([\w.+-]+|\*)\/([\w.+-]+|\*)$/)).min(1),
    })
    .optional(),
  /** Quick-reply buttons; absent when the network has none. */
  quickReplies: z
    .object({
      /** Most buttons one message may carry. */
      max: z.int().positive(),
      /** Longest button title, in characters. */
      maxTitleLength: z.int().positive(),
    })
    .optional(),
  /** Whether the network can show that the agent is typing. */
  typing: z.boolean(),
  /** Whether the network reports when the customer received or read a message. */
  readReceipts: z.boolean(),
});
/** What a network renders. */
export type Capabilities = z.infer<typeof Capabilities>;
