import { Locale } from '@tvox-connector/core';
import { z } from 'zod';

/** Most files one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** Most message ids one receipt frame may name. */
export const MAX_RECEIPT_IDS = 100;

/** The visitor's own id of a message: the widget makes it, core dedupes on it. */
export const ClientId = z
  .string()
  .regex(/^[\w-]{1,64}$/, 'expected 1 to 64 letters, digits, "-" or "_"');

/**
 * What the widget sends, over the WebSocket or by HTTP POST: a message, typing, or receipts for
 * messages it showed. Built per channel because the text limit is a setting.
 */
export function visitorFrameSchema(maxTextLength: number) {
  return z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('message'),
        clientId: ClientId,
        text: z.string().trim().min(1).max(maxTextLength).optional(),
        /** References returned by the upload endpoint. */
        attachments: z
          .array(z.string().min(1).max(2048))
          .max(MAX_ATTACHMENTS_PER_MESSAGE)
          .default([]),
        /** The payload of the quick-reply button the visitor pressed. */
        quickReplyPayload: z.string().min(1).max(1000).optional(),
        /** The browser's language. */
        locale: Locale.optional(),
      })
      .refine((m) => m.text !== undefined || m.attachments.length > 0, {
        message: 'a message needs a text or at least one attachment',
        path: ['text'],
      }),
    z.object({ type: z.literal('typing') }),
    z.object({
      type: z.literal('receipt'),
      status: z.enum(['delivered', 'read']),
      ids: z.array(z.string().min(1).max(300)).min(1).max(MAX_RECEIPT_IDS),
    }),
  ]);
}
/** The schema {@link visitorFrameSchema} builds. */
export type VisitorFrameSchema = ReturnType<typeof visitorFrameSchema>;
/** What the widget sends. */
export type VisitorFrame = z.infer<VisitorFrameSchema>;
