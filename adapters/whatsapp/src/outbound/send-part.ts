import {
  InvalidInputError,
  NetworkApiError,
  type Attachment,
  type OutboundMessage,
  type QuickReply,
} from '@tvox-connector/core';
import type {
  InteractiveHeader,
  SendButton,
  SendMediaType,
  SendMessage,
  WhatsAppClient,
} from '../api/whatsapp-client.js';
import { readConversationId, type NumberConversation } from '../conversation-id.js';
import type { WindowTemplate } from '../whatsapp-settings.js';

/** The customer-service window: a free-form reply only within 24 hours of the customer's last message. */
export const WINDOW_MS = 24 * 3600 * 1000;

/** Longest body of an interactive message; a longer text takes its buttons as numbered lines. */
export const MAX_INTERACTIVE_BODY = 1024;

/** What sending a part needs besides the part. */
export interface SendContext {
  readonly client: WhatsAppClient;
  /** Epoch milliseconds now. */
  now(): number;
  /** When the customer last wrote in the part's conversation (epoch ms), when known. */
  readonly lastWrote?: number;
  /** The template for a closed window in a conversation with this number, if configured. */
  template(phoneNumberId: string, locale: string | undefined): WindowTemplate | undefined;
  /**
   * When a window template last went to each conversation (by conversation id, epoch ms): one is
   * sent once per closed window, not once per reply.
   */
  readonly templatesSent: Map<string, number>;
}

/** The number and customer of a conversation id the adapter made. */
export function numberConversation(id: string): NumberConversation {
  const conversation = readConversationId(id);
  if (conversation === undefined) {
    throw new InvalidInputError('WhatsApp conversation', [
      { path: 'conversation.id', message: `expected "<phone number id>-<wa_id>", got "${id}"` },
    ]);
  }
  return conversation;
}

/** The kind of media a file is sent as. */
function mediaType(contentType: string): SendMediaType {
  const type = contentType.toLowerCase();
  if (type === 'image/jpeg' || type === 'image/png') return 'image';
  if (type === 'video/mp4' || type === 'video/3gpp') return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

/** Quick replies as numbered lines, for where buttons cannot go. */
function numbered(replies: readonly QuickReply[]): string {
  return replies.map((q, i) => `${i + 1}. ${q.title}`).join('\n');
}

/** Quick replies as reply buttons; the payload comes back as the button's id. */
function buttons(replies: readonly QuickReply[]): SendButton[] {
  return replies.map((q) => ({
    type: 'reply',
    reply: { id: q.payload ?? q.title, title: q.title },
  }));
}

/** A text, with its quick replies: reply buttons when the body fits an interactive message. */
function textMessage(text: string, replies: readonly QuickReply[]): SendMessage {
  if (replies.length === 0) return { type: 'text', text: { body: text, preview_url: false } };
  if (text.length <= MAX_INTERACTIVE_BODY) {
    return {
      type: 'interactive',
      interactive: { type: 'button', body: { text }, action: { buttons: buttons(replies) } },
    };
  }
  return { type: 'text', text: { body: `${text}\n\n${numbered(replies)}`, preview_url: false } };
}

/** The header of an interactive message showing `file` (audio has none: it goes as a document). */
function header(file: Attachment): InteractiveHeader {
  const type = mediaType(file.contentType);
  if (type === 'image') return { type, image: { link: file.url } };
  if (type === 'video') return { type, video: { link: file.url } };
  return { type: 'document', document: { link: file.url, filename: file.name } };
}

/** The Cloud API message of a part: its text (with buttons), or its one file by link. */
function messageOf(part: OutboundMessage): SendMessage {
  const [file, ...more] = part.attachments;
  if (more.length > 0 || (file !== undefined && part.text !== undefined)) {
    throw new InvalidInputError('WhatsApp message part', [
      {
        path: 'attachments',
        message:
          'one Cloud API call carries a text or one file; send the parts adaptToCapabilities makes',
      },
    ]);
  }
  if (file === undefined) return textMessage(part.text ?? '', part.quickReplies);
  if (part.quickReplies.length > 0) {
    // Buttons go on an interactive message, the file as its header; its body (required) names it.
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        header: header(file),
        body: { text: file.name },
        action: { buttons: buttons(part.quickReplies) },
      },
    };
  }
  const type = mediaType(file.contentType);
  return {
    type,
    [type]: { link: file.url, ...(type === 'document' ? { filename: file.name } : {}) },
  };
}

/**
 * The window is closed: sends the configured template, if there is one, so that the customer is
 * asked to write back, and fails the part for good either way, saying what happened and what to do.
 */
async function windowClosed(
  context: SendContext,
  to: NumberConversation,
  part: OutboundMessage,
  lastWrote: number,
): Promise<never> {
  const base =
    'the customer last wrote more than 24 hours ago, and WhatsApp takes only a template outside the 24-hour customer-service window';
  const template = context.template(to.phoneNumberId, part.locale);
  if (template === undefined) {
    throw new NetworkApiError(
      'whatsapp',
      'send',
      `${base}; no template is configured for this service and locale (settings.windowTemplates), so nothing was sent: the customer must write first`,
      {
        retryable: false,
      },
    );
  }
  const key = part.conversation.id;
  const sentAt = context.templatesSent.get(key);
  if (sentAt !== undefined && sentAt > lastWrote) {
    throw new NetworkApiError(
      'whatsapp',
      'send',
      `${base}; the template "${template.name}" was already sent at ${new Date(sentAt).toISOString()} to ask the customer to write back: send this reply again once they do`,
      {
        retryable: false,
      },
    );
  }
  const id = await context.client.sendMessage(to, {
    type: 'template',
    template: { name: template.name, language: { code: template.language } },
  });
  context.templatesSent.set(key, context.now());
  throw new NetworkApiError(
    'whatsapp',
    'send',
    `${base}; the template "${template.name}" (${template.language}) was sent instead (${id}) to ask the customer to write back: send this reply again once they do`,
    {
      retryable: false,
    },
  );
}

/**
 * Sends one part of an outbound message, as core split it by `WHATSAPP_CAPABILITIES`: a text
 * (with up to 3 reply buttons), or one file by link. When the customer last wrote more than 24
 * hours ago (by the ledger), the configured template goes instead (once until the customer
 * writes again) and the part fails for good, saying so. Resolves with the message id.
 */
export async function sendPart(context: SendContext, part: OutboundMessage): Promise<string> {
  const to = numberConversation(part.conversation.id);
  const message = messageOf(part);
  const last = context.lastWrote;
  if (last !== undefined && context.now() - last > WINDOW_MS) {
    return windowClosed(context, to, part, last);
  }
  return context.client.sendMessage(to, message);
}
