import { z } from 'zod';

/**
 * What one call to a network's API carries, and what the network renders. Core adapts every
 * outbound message to these when it queues it: it splits the message into parts that each fit
 * one call (a text within `maxTextLength`; files `attachments.maxPerCall` at a time, with a
 * caption within `attachments.maxCaptionLength`), turns quick replies the network cannot show
 * into numbered text, and sends a link for a file that is too big or of a refused type. So an
 * adapter's `send` never receives more than one call carries, nor what it declared it cannot
 * send.
 */
export const Capabilities = z.object({
  /** Longest text one call carries, in characters (UTF-16 code units). */
  maxTextLength: z.int().positive(),
  /** File sending; absent when the network cannot send files. */
  attachments: z
    .object({
      /** Largest file accepted, in bytes. */
      maxBytes: z.int().positive(),
      /** Accepted MIME types; `type/*` wildcards allowed, e.g. `image/*`. */
      contentTypes: z.array(z.string().regex(/^([\w.+-]+|\*)\/([\w.+-]+|\*)$/)).min(1),
      /**
       * Most files one call carries. Absent: every file of a message goes in one call. A message
       * with more files is sent as several calls of this many files each, in their order.
       */
      maxPerCall: z.int().positive().optional(),
      /**
       * Longest text a call that carries files can carry with them (a caption), in characters.
       * `0`: files go without text. Absent: `maxTextLength`. The text of a message goes with its
       * first files when its last part fits; otherwise it goes in calls of its own, before them.
       */
      maxCaptionLength: z.int().nonnegative().optional(),
    })
    .optional(),
  /** Quick-reply buttons; absent when the network has none. */
  quickReplies: z
    .object({
      /** Most buttons one call carries; they go with the last call of a message. */
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
/** What one call to a network carries, and what the network renders. */
export type Capabilities = z.infer<typeof Capabilities>;
