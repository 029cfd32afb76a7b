import { InvalidInputError, type OutboundMessage, type QuickReply } from '@tvox-connector/core';
import { readScopedConversationId, type ScopedConversation } from './scoped-conversation.js';
import type {
  SendApiClient,
  SendAttachmentType,
  SendMessage,
  SendQuickReply,
} from './send-api-client.js';
import { sendInWindow, type WindowedNetwork } from './send-window.js';

/** The kind of attachment a file is sent as. */
function attachmentType(contentType: string): SendAttachmentType {
  const family = contentType.toLowerCase().split('/')[0];
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
}

function quickReplies(replies: readonly QuickReply[]): { quick_replies?: SendQuickReply[] } {
  if (replies.length === 0) return {};
  return {
    quick_replies: replies.map((q) => ({
      content_type: 'text',
      title: q.title,
      payload: q.payload ?? q.title,
    })),
  };
}

/** The Send API `message` of a part: its text, or its one file by URL; its quick replies. */
function messageOf(part: OutboundMessage, label: string): SendMessage {
  const [file, ...more] = part.attachments;
  if (more.length > 0 || (file !== undefined && part.text !== undefined)) {
    throw new InvalidInputError(`${label} message part`, [
      {
        path: 'attachments',
        message:
          'one Send API call carries a text or one file, without a caption; send the parts adaptToCapabilities makes',
      },
    ]);
  }
  const buttons = quickReplies(part.quickReplies);
  if (file !== undefined) {
    return {
      attachment: {
        type: attachmentType(file.contentType),
        payload: { url: file.url, is_reusable: false },
      },
      ...buttons,
    };
  }
  return { text: part.text ?? '', ...buttons };
}

/** What a network's conversation ids look like, for errors: `<Page id>-<PSID>`, say. */
export interface SendApiNetwork extends WindowedNetwork {
  readonly conversationIdShape: string;
}

/**
 * The account and customer of a conversation id the adapter made; `InvalidInputError` for any
 * other id.
 */
export function scopedConversation(id: string, network: SendApiNetwork): ScopedConversation {
  const conversation = readScopedConversationId(id);
  if (conversation === undefined) {
    throw new InvalidInputError(`${network.label} conversation`, [
      {
        path: 'conversation.id',
        message: `expected "${network.conversationIdShape}", got "${id}"`,
      },
    ]);
  }
  return conversation;
}

/**
 * Sends one part of an outbound message, as core split it by the adapter's capabilities (a text,
 * or one file by URL without a caption, with its quick replies), by the 24-hour rule of
 * {@link sendInWindow}: as a `RESPONSE`, then with the `HUMAN_AGENT` tag if the app has it.
 * Resolves with the message id.
 */
export async function sendPart(
  client: SendApiClient,
  part: OutboundMessage,
  humanAgentTag: boolean,
  network: SendApiNetwork,
): Promise<string> {
  const to = scopedConversation(part.conversation.id, network);
  const message = messageOf(part, network.label);
  return sendInWindow((window) => client.sendMessage(to, message, window), humanAgentTag, network);
}
