import {
  InboundMessage,
  InboundReceipt,
  InvalidInputError,
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
import { messageContent } from './content.js';
import { InstagramWebhook, MessagingEvent, type InstagramReaction } from './event-schema.js';

/** What parsing needs beyond the body. */
export interface ParseContext {
  readonly channel: string;
  /** Whether the Instagram account is one of the channel's (only those can be answered). */
  isAccount(accountId: string): boolean;
  /** The URL TVox fetches a customer's file from: through the connector, never with a token. */
  mediaLink(media: MediaRef): string;
  /** Whether a reaction becomes a short text to the agent (`text`) or nothing (`ignore`). */
  readonly reactions: 'text' | 'ignore';
  /**
   * The text of a message of `conversation` by its network id, to quote what a reaction or an
   * unsent message was about. Absent, or undefined for a message it does not know: no quote.
   */
  textOf?(conversation: ConversationKey, networkMessageId: string): Promise<string | undefined>;
  /**
   * The network ids of what the account sent in `conversation` up to `at` (epoch ms) that are not
   * yet read. Absent, a read is relayed for the message it names alone.
   */
  sentUpTo?(conversation: ConversationKey, at: number): Promise<readonly string[]>;
  /** Told of an event left out of a batch because it does not read, for the logs. */
  unreadable?(error: InvalidInputError): void;
}

/** The longest quote of a message in a reaction's or an unsent message's text. */
const QUOTE_LENGTH = 80;

/** `text` in quotes, cut to {@link QUOTE_LENGTH} characters. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
  return `“${cut}”`;
}

/**
 * Reads a webhook body as an Instagram notification. Throws `InvalidInputError` (answered 400)
 * for a body that is not JSON or has no `object` and `entry[]`.
 */
export function readWebhook(rawBody: Buffer): InstagramWebhook {
  return readWebhookBody(rawBody, InstagramWebhook, 'Instagram webhook');
}

/** The fields every message of a customer's event carries. */
function messageBase(event: MessagingEvent, accountId: string, context: ParseContext) {
  const igsid = event.sender.id;
  return {
    kind: 'message' as const,
    conversation: { channel: context.channel, id: conversationId({ accountId, igsid }) },
    sender: { id: igsid },
    entryPoint: accountId,
    sentAt: new Date(event.timestamp).toISOString(),
  };
}

/** A customer's message, unsent message or tapped button as core's message, or why it is skipped. */
async function customerMessage(
  event: MessagingEvent,
  accountId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  const base = messageBase(event, accountId, context);
  const { message } = event;
  let fields: Record<string, unknown>;
  if (message?.is_deleted === true) {
    // The original stays in TVox's transcript: the agent is told it was taken back.
    const said = await context.textOf?.(base.conversation, message.mid);
    fields = {
      networkMessageId: `deleted:${message.mid}`,
      text:
        said === undefined
          ? 'The customer unsent a message.'
          : `The customer unsent a message: ${quote(said)}`,
    };
  } else if (message?.is_unsupported === true) {
    fields = {
      networkMessageId: message.mid,
      text: 'The customer sent something Instagram does not pass on to apps; ask them to send it another way if it matters.',
    };
  } else if (message !== undefined) {
    const body = messageContent(message, (media) => context.mediaLink(media));
    if (body === undefined) return { kind: 'skipped', reason: 'a message without text or files' };
    const payload = message.quick_reply?.payload;
    fields = {
      networkMessageId: message.mid,
      ...body,
      ...(payload === undefined || payload === '' ? {} : { quickReplyPayload: payload }),
    };
  } else {
    const postback = event.postback ?? {};
    // A button's title is what the customer saw; an untitled button gives its payload.
    const text = postback.title === '' ? postback.payload : (postback.title ?? postback.payload);
    if (text === undefined || text === '') return { kind: 'skipped', reason: 'an empty postback' };
    fields = {
      networkMessageId: postback.mid ?? `postback:${event.sender.id}:${event.timestamp}`,
      text,
      ...(postback.payload ? { quickReplyPayload: postback.payload } : {}),
    };
  }
  return builtActivity(InboundMessage, { ...base, ...fields }, 'Instagram message');
}

/**
 * A reaction as a short text to the agent (`reacted ❤️ to: “…”`), or why it is skipped: taken
 * back (`unreact`), or reactions set to `ignore`. Its id joins the message and the moment, so
 * that Meta's retry of the same notification is stored once.
 */
async function reactionMessage(
  event: MessagingEvent,
  reaction: InstagramReaction,
  accountId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  if (context.reactions === 'ignore') return { kind: 'skipped', reason: 'a reaction (ignored)' };
  if (reaction.action !== 'react') return { kind: 'skipped', reason: 'a reaction taken back' };
  const base = messageBase(event, accountId, context);
  const what = reaction.emoji ?? reaction.reaction ?? 'a reaction';
  const said = await context.textOf?.(base.conversation, reaction.mid);
  return builtActivity(
    InboundMessage,
    {
      ...base,
      networkMessageId: `reaction:${reaction.mid}:${event.timestamp}`,
      text:
        said === undefined ? `reacted ${what} to a message` : `reacted ${what} to: ${quote(said)}`,
    },
    'Instagram reaction',
  );
}

/**
 * A read (`messaging_seen`) as a receipt: for everything the account sent up to that moment that
 * the ledger knows, or for the message it names when there is no ledger.
 */
async function readReceipt(
  event: MessagingEvent,
  accountId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  const conversation = {
    channel: context.channel,
    id: conversationId({ accountId, igsid: event.sender.id }),
  };
  const named = event.read?.mid;
  const ids =
    context.sentUpTo === undefined
      ? named === undefined
        ? []
        : [named]
      : await context.sentUpTo(conversation, event.timestamp);
  if (ids.length === 0) return { kind: 'skipped', reason: 'a read receipt for nothing known' };
  return builtActivity(
    InboundReceipt,
    {
      kind: 'receipt',
      conversation,
      status: 'read',
      networkMessageIds: ids,
      at: new Date(event.timestamp).toISOString(),
    },
    'Instagram receipt',
  );
}

/** One `messaging[]` event of an Instagram account. */
async function parseEvent(
  raw: unknown,
  accountId: string,
  context: ParseContext,
): Promise<EventOutcome> {
  const read = MessagingEvent.safeParse(raw);
  if (!read.success) {
    return {
      kind: 'unreadable',
      error: new InvalidInputError('Instagram event', [
        { path: 'messaging', message: read.error.message },
      ]),
    };
  }
  const event = read.data;
  if (event.message?.is_echo === true || event.sender.id === accountId) {
    return { kind: 'skipped', reason: 'the echo of a message the account sent' };
  }
  if (!/^\d+$/.test(event.sender.id)) {
    return { kind: 'skipped', reason: 'a sender without an IGSID' };
  }
  if (event.message !== undefined || event.postback !== undefined) {
    return customerMessage(event, accountId, context);
  }
  if (event.reaction !== undefined)
    return reactionMessage(event, event.reaction, accountId, context);
  if (event.read !== undefined) return readReceipt(event, accountId, context);
  const kinds = Object.keys(event).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k));
  return {
    kind: 'skipped',
    reason: `an event Instagram's adapter does not relay (${kinds.join(', ') || 'empty'})`,
  };
}

/**
 * Turns an Instagram notification into core's activities: every event of every entry of the
 * batch, so that core stores them all before Meta gets its 200. Relayed: customers' messages with
 * text and files (image, video, audio, file; linked through the connector); story mentions,
 * story replies and shared posts as text with their link; tapped quick replies (with their
 * payload) and ice breakers; unsent and unsupported messages as a note to the agent; reactions as
 * a short text (unless `reactions: ignore`); reads as receipts. Skipped: echoes of the account's
 * own messages, reactions taken back, events of accounts not in the channel, and everything else.
 * A batch of nothing but unreadable events throws `InvalidInputError` (400).
 */
export async function parseWebhook(
  webhook: InstagramWebhook,
  context: ParseContext,
): Promise<ParseResult> {
  if (webhook.object !== 'instagram') {
    return {
      kind: 'ignored',
      reason: `a notification for "${webhook.object}", not an Instagram account`,
    };
  }
  return parseMessagingBatch(webhook.entry, {
    isAccount: (accountId) => context.isAccount(accountId),
    notInChannel: (accountId) =>
      `events of Instagram account ${accountId}, which is not in settings.accounts`,
    parseEvent: (raw, accountId) => parseEvent(raw, accountId, context),
    unreadable: (error) => context.unreadable?.(error),
  });
}
