import {
  InvalidInputError,
  NetworkApiError,
  type OutboundMessage,
  type QuickReply,
} from '@tvox-connector/core';
import { GraphApiError } from '@tvox-connector/meta-graph';
import type {
  MessengerClient,
  SendAttachmentType,
  SendMessage,
  SendQuickReply,
} from '../api/messenger-client.js';
import { readConversationId, type PageConversation } from '../conversation-id.js';

/**
 * Graph's answer to a message outside the window the way it was sent allows: code 10 with
 * subcode 2018278 ("This message is sent outside of allowed window") or 2018065.
 */
const OUTSIDE_WINDOW_SUBCODES = new Set([2018278, 2018065]);

function outsideWindow(error: unknown): error is GraphApiError {
  return (
    error instanceof GraphApiError &&
    error.graph.code === 10 &&
    error.graph.error_subcode !== undefined &&
    OUTSIDE_WINDOW_SUBCODES.has(error.graph.error_subcode)
  );
}

/** The permanent failure of a reply Messenger no longer takes, saying why and what to do. */
function windowClosed(refusal: GraphApiError, tagged: boolean): NetworkApiError {
  const detail = tagged
    ? 'the customer last wrote more than 7 days ago, or Meta refused the HUMAN_AGENT tag: Messenger takes no reply after that; the customer must write first'
    : 'the customer last wrote more than 24 hours ago, and Messenger takes a reply only within 24 hours of the customer’s last message; ' +
      'with the Human Agent permission (App Review) and settings.humanAgentTag, agents may answer within 7 days';
  return new NetworkApiError('messenger', 'send', detail, {
    status: refusal.status,
    ...(refusal.networkCode === undefined ? {} : { networkCode: refusal.networkCode }),
    retryable: false,
  });
}

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
  try {
    return await client.sendMessage(to, message, 'response');
  } catch (error) {
    if (!outsideWindow(error)) throw error;
    if (!humanAgentTag) throw windowClosed(error, false);
  }
  try {
    return await client.sendMessage(to, message, 'human-agent');
  } catch (error) {
    if (error instanceof GraphApiError && error.graph.code === 10) throw windowClosed(error, true);
    throw error;
  }
}
