import {
  InvalidInputError,
  type OutboundMessage,
  type QuickReply,
} from '@tvox-connector/core';
import { sendInWindow } from '@tvox-connector/meta-graph';
import type {
  MessengerClient,
  SendAttachmentType,
  SendMessage,
  SendQuickReply,
} from '../api/messenger-client.js';
import { readConversationId, type PageConversation } from '../conversation-id.js';

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
function messageOf(part: OutboundMessage): SendMessage {
  const [file, ...more] = part.attachments;
  if (more.length > 0 || (file !== undefined && part.text !== undefined)) {
    throw new InvalidInputError('Messenger message part', [
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

/** The Page and customer of a conversation id the adapter made. */
export function pageConversation(id: string): PageConversation {
  const conversation = readConversationId(id);
  if (conversation === undefined) {
    throw new InvalidInputError('Messenger conversation', [
      { path: 'conversation.id', message: `expected "<Page id>-<PSID>", got "${id}"` },
    ]);
  }
  return conversation;
}

/**
 * Sends one part of an outbound message, as core split it by `MESSENGER_CAPABILITIES`: a text,
 * or one file by URL, with its quick replies, as a `RESPONSE`. Messenger decides the 24-hour
 * window, not our clock: when it refuses the reply as outside it, the same message goes once
 * more with the `HUMAN_AGENT` tag if the app has it (`humanAgentTag`), and otherwise, or if that
 * is refused too, the part fails for good with an error that says why. Nothing is remembered
 * (the first call did not go through, so the second cannot double it). Resolves with the
 * message id.
 */
export async function sendPart(
  client: MessengerClient,
  part: OutboundMessage,
  humanAgentTag: boolean,
): Promise<string> {
  const to = pageConversation(part.conversation.id);
  const message = messageOf(part);
  return sendInWindow((window) => client.sendMessage(to, message, window), humanAgentTag, {
    network: 'messenger',
    label: 'Messenger',
  });
}
