import {
  InboundMessage,
  InboundReceipt,
  InvalidInputError,
  type Attachment,
  type ConversationKey,
  type ParseResult,
} from '@tvox-connector/core';
import {
  builtActivity,
  parseMessagingBatch,
  readWebhookBody,
  type EventOutcome,
  type MediaRef,
} from '@tvox-connector/meta-graph';
import { conversationId } from '../conversation-id.js';
import { mediaOf, sharedLinkText } from './attachment.js';
import { MessagingEvent, MessengerWebhook, type MessengerMessage } from './event-schema.js';

/** What parsing needs beyond the body. */
export interface ParseContext {
  readonly channel: string;
  /** Whether the Page is one of the channel's (only those can be answered). */
  isPage(pageId: string): boolean;
  /** The URL TVox fetches a customer's file from: through the connector, never with a token. */
  mediaLink(media: MediaRef): string;
  /**
   * The network ids of what the Page sent in `conversation` up to `watermark` (epoch ms) that is
   * not yet `status`: Messenger reports reads (and some deliveries) by a watermark alone. Absent,
   * such receipts are not relayed.
   */
  sentUpTo?(
    conversation: ConversationKey,
    watermark: number,
    status: 'delivered' | 'read',
  ): Promise<readonly string[]>;
  /** Told of an event left out of a batch because it does not read, for the logs. */
  unreadable?(error: InvalidInputError): void;
}

/**
 * Reads a webhook body as a Messenger notification. Throws `InvalidInputError` (answered 400) for a
 * body that is not JSON or has no `object` and `entry[]`.
 */
export function readWebhook(rawBody: Buffer): MessengerWebhook {
  return readWebhookBody(rawBody, MessengerWebhook, 'Messenger webhook');
}

/** The text and files of a customer's message, or undefined when nothing in it is relayed. */
function content(
  message: MessengerMessage,
  context: ParseContext,
): { text?: string; attachments: Attachment[] } | undefined {
  const attachments: Attachment[] = [];
  const links: string[] = [];
  (message.attachments ?? []).forEach((attachment, index) => {
    const media = mediaOf(attachment, index);
    if (media !== undefined) {
      attachments.push({
        name: media.name,
        contentType: media.contentType,
        size: 0,
        url: context.mediaLink(media),
      });
      return;
    }
    const link = sharedLinkText(attachment);
    if (link !== undefined) links.push(link);
  });
  const text = [message.text, ...links].filter((t) => t !== undefined && t !== '').join('\n');
  if (text === '' && attachments.length === 0) return undefined;
  return { ...(text === '' ? {} : { text }), attachments };
}

/** A customer's message (or tapped button) as core's message, or why it is skipped. */
function customerMessage(
  event: MessagingEvent,
  pageId: string,
  context: ParseContext,
): EventOutcome {
  const psid = event.sender.id;
  const base = {
    kind: 'message' as const,
    conversation: { channel: context.channel, id: conversationId({ pageId, psid }) },
    sender: { id: psid },
    entryPoint: pageId,
    sentAt: new Date(event.timestamp).toISOString(),
  };
  let fields: Record<string, unknown>;
  if (event.message !== undefined) {
    const body = content(event.message, context);
    if (body === undefined) return { kind: 'skipped', reason: 'a message without text or files' };
    const payload = event.message.quick_reply?.payload;
    fields = {
      networkMessageId: event.message.mid,
      ...body,
      ...(payload === undefined || payload === '' ? {} : { quickReplyPayload: payload }),
    };
  } else {
    const postback = event.postback ?? {};
    // A button's title is what the customer saw; an untitled button gives its payload.
    const text = postback.title === '' ? postback.payload : (postback.title ?? postback.payload);
    if (text === undefined || text === '') return { kind: 'skipped', reason: 'an empty postback' };
    fields = {
      // Postbacks carry a mid in recent versions; before, the moment identifies the tap.
      networkMessageId: postback.mid ?? `postback:${psid}:${event.timestamp}`,
      text,
      ...(postback.payload ? { quickReplyPayload: postback.payload } : {}),
    };
  }
  return builtActivity(InboundMessage, { ...base, ...fields }, 'Messenger message');
}

/** A delivery or read notification as a receipt, where the ids it concerns are known. */
async function receipt(
  event: MessagingEvent,
  pageId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  const status = event.read !== undefined ? 'read' : 'delivered';
  const conversation = {
    channel: context.channel,
    id: conversationId({ pageId, psid: event.sender.id }),
  };
  const mids = status === 'delivered' ? (event.delivery?.mids ?? []) : [];
  const watermark = event.read?.watermark ?? event.delivery?.watermark ?? event.timestamp;
  const ids =
    mids.length > 0 ? mids : ((await context.sentUpTo?.(conversation, watermark, status)) ?? []);
  if (ids.length === 0) return { kind: 'skipped', reason: `a ${status} receipt for nothing known` };
  return builtActivity(
    InboundReceipt,
    {
      kind: 'receipt',
      conversation,
      status,
      networkMessageIds: ids,
      at: new Date(event.timestamp).toISOString(),
    },
    'Messenger receipt',
  );
}

/** One `messaging[]` event of a Page. */
async function parseEvent(
  raw: unknown,
  pageId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  const read = MessagingEvent.safeParse(raw);
  if (!read.success) {
    return {
      kind: 'unreadable',
      error: new InvalidInputError('Messenger event', [
        { path: 'messaging', message: read.error.message },
      ]),
    };
  }
  const event = read.data;
  if (event.message?.is_echo === true || event.sender.id === pageId) {
    return { kind: 'skipped', reason: 'the echo of a message the Page sent' };
  }
  if (!/^\d+$/.test(event.sender.id)) return { kind: 'skipped', reason: 'a sender without a PSID' };
  if (event.message !== undefined || event.postback !== undefined) {
    return customerMessage(event, pageId, context);
  }
  if (event.delivery !== undefined || event.read !== undefined)
    return receipt(event, pageId, context);
  const kinds = Object.keys(event).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k));
  return {
    kind: 'skipped',
    reason: `an event Messenger's adapter does not relay (${kinds.join(', ') || 'empty'})`,
  };
}

/**
 * Turns a Messenger notification into core's activities: every event of every entry of the batch,
 * so that core stores them all before Meta gets its 200. Relayed: customers' messages with text,
 * files (image, video, audio, file; linked through the connector) and shared links; tapped quick
 * replies (with their payload) and postbacks; deliveries and reads as receipts. Skipped: echoes of
 * the Page's own messages, events of Pages not in the channel, and everything else. An event that
 * does not read is skipped while others of its batch are relayed; a batch of nothing but unreadable
 * events throws `InvalidInputError` (400).
 */
export async function parseWebhook(
  webhook: MessengerWebhook,
  context: ParseContext,
): Promise<ParseResult> {
  if (webhook.object !== 'page') {
    return { kind: 'ignored', reason: `a notification for "${webhook.object}", not a Page` };
  }
  return parseMessagingBatch(webhook.entry, {
    isAccount: (pageId) => context.isPage(pageId),
    notInChannel: (pageId) => `events of Page ${pageId}, which is not in settings.pages`,
    parseEvent: (raw, pageId) => parseEvent(raw, pageId, context),
    unreadable: (error) => context.unreadable?.(error),
  });
}
