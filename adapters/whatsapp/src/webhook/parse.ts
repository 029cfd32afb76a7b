import {
  InboundMessage,
  InboundReceipt,
  InvalidInputError,
  parseInput,
  type InboundActivity,
  type ParseResult,
} from '@tvox-connector/core';
import { readWebhookBody, type MediaRef } from '@tvox-connector/meta-graph';
import type { z } from 'zod';
import { conversationId } from '../conversation-id.js';
import { WhatsAppMessage, WhatsAppStatus, WhatsAppValue, WhatsAppWebhook } from './event-schema.js';
import { messageContent } from './message-content.js';

/** What parsing needs beyond the body. */
export interface ParseContext {
  readonly channel: string;
  /** Whether the business phone number id is one of the channel's (only those can answer). */
  isPhoneNumber(phoneNumberId: string): boolean;
  /** The URL TVox fetches a customer's file from: through the connector, never with a token. */
  mediaLink(media: MediaRef): string;
  /** Told of a message WhatsApp could not deliver (a `failed` status), for the logs. */
  failed?(status: WhatsAppStatus, phoneNumberId: string): void;
  /** Told of an event left out of a batch because it does not read, for the logs. */
  unreadable?(error: InvalidInputError): void;
}

/**
 * Reads a webhook body as a WhatsApp notification. Throws `InvalidInputError` (answered 400) for
 * a body that is not JSON or has no `object` and `entry[]`.
 */
export function readWebhook(rawBody: Buffer): WhatsAppWebhook {
  return readWebhookBody(rawBody, WhatsAppWebhook, 'WhatsApp webhook');
}

/** What one event came to: an activity, or why it was left out. */
type EventOutcome =
  | { readonly kind: 'activity'; readonly activity: InboundActivity }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly error: InvalidInputError };

/** An event read with `schema`, or unreadable. */
function readEvent<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  subject: string,
): { ok: true; value: z.output<S> } | { ok: false; outcome: EventOutcome } {
  try {
    return { ok: true, value: parseInput(schema, raw, subject) };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return { ok: false, outcome: { kind: 'unreadable', error } };
    }
    throw error;
  }
}

/** One activity built through core's schema, or the event unreadable when it does not fit. */
function built(
  schema: typeof InboundMessage | typeof InboundReceipt,
  value: unknown,
  subject: string,
): EventOutcome {
  const read = readEvent(schema, value, subject);
  return read.ok ? { kind: 'activity', activity: read.value } : read.outcome;
}

/** The customer's profile name, from the `contacts[]` next to their message. */
function profileName(value: WhatsAppValue, waId: string): string | undefined {
  const name = value.contacts?.find((c) => c.wa_id === waId)?.profile?.name?.trim();
  return name === undefined || name === '' ? undefined : name;
}

/** Whether a wa_id can be a phone number as core keeps one (3 to 32 characters). */
function isPhoneNumber(waId: string): boolean {
  return waId.length >= 3 && waId.length <= 32;
}

/** A customer's message as core's message, or why it is skipped. */
function customerMessage(
  raw: unknown,
  value: WhatsAppValue,
  phoneNumberId: string,
  context: ParseContext,
): EventOutcome {
  const read = readEvent(WhatsAppMessage, raw, 'WhatsApp message');
  if (!read.ok) return read.outcome;
  const message = read.value;
  if (!/^\d+$/.test(message.from)) return { kind: 'skipped', reason: 'a sender without a wa_id' };
  const content = messageContent(message, phoneNumberId);
  if (content === undefined) {
    return { kind: 'skipped', reason: `a ${message.type} message, which is not relayed` };
  }
  const name = profileName(value, message.from);
  return built(
    InboundMessage,
    {
      kind: 'message',
      networkMessageId: message.id,
      conversation: {
        channel: context.channel,
        id: conversationId({ phoneNumberId, waId: message.from }),
      },
      // The wa_id is the customer's phone number: TVox gets it as the contact's phone.
      sender: {
        id: message.from,
        ...(isPhoneNumber(message.from) ? { phone: message.from } : {}),
        ...(name === undefined ? {} : { displayName: name }),
      },
      entryPoint: phoneNumberId,
      sentAt: new Date(message.timestamp * 1000).toISOString(),
      ...(content.text === undefined ? {} : { text: content.text }),
      attachments:
        content.media === undefined
          ? []
          : [
              {
                name: content.media.name,
                contentType: content.media.contentType,
                size: 0,
                url: context.mediaLink(content.media),
              },
            ],
      ...(content.quickReplyPayload === undefined
        ? {}
        : { quickReplyPayload: content.quickReplyPayload }),
    },
    'WhatsApp message',
  );
}

/** A status of a message the business sent: a receipt when delivered or read. */
function statusUpdate(raw: unknown, phoneNumberId: string, context: ParseContext): EventOutcome {
  const read = readEvent(WhatsAppStatus, raw, 'WhatsApp status');
  if (!read.ok) return read.outcome;
  const status = read.value;
  if (status.status === 'failed') {
    context.failed?.(status, phoneNumberId);
    return { kind: 'skipped', reason: 'a failed status (logged)' };
  }
  if (status.status !== 'delivered' && status.status !== 'read') {
    return { kind: 'skipped', reason: `a ${status.status} status` };
  }
  return built(
    InboundReceipt,
    {
      kind: 'receipt',
      conversation: {
        channel: context.channel,
        id: conversationId({ phoneNumberId, waId: status.recipient_id }),
      },
      status: status.status,
      networkMessageIds: [status.id],
      at: new Date(status.timestamp * 1000).toISOString(),
    },
    'WhatsApp status',
  );
}

/** Every event of one `changes[]` entry of the `messages` field. */
function changeEvents(raw: unknown, context: ParseContext): EventOutcome[] {
  const read = readEvent(WhatsAppValue, raw, 'WhatsApp change');
  if (!read.ok) return [read.outcome];
  const value = read.value;
  const phoneNumberId = value.metadata.phone_number_id;
  if (!context.isPhoneNumber(phoneNumberId)) {
    return [
      {
        kind: 'skipped',
        reason: `events of phone number ${phoneNumberId}, which is not in settings.phoneNumbers`,
      },
    ];
  }
  return [
    ...(value.messages ?? []).map((m) => customerMessage(m, value, phoneNumberId, context)),
    ...(value.statuses ?? []).map((s) => statusUpdate(s, phoneNumberId, context)),
  ];
}

/**
 * Turns a WhatsApp notification into core's activities: every message and status of every
 * change of every entry of the batch, so that core stores them all before Meta gets its 200.
 * Relayed: customers' texts, files (linked through the connector), locations and contact cards
 * (as text), tapped reply buttons, list rows and template buttons (their title, with their id);
 * `delivered` and `read` statuses as receipts. A `failed` status is logged with its reason.
 * Skipped: other webhook fields, numbers not in the channel, other message types. An event that
 * does not read is skipped while others of its batch are relayed; a batch of nothing but
 * unreadable events throws `InvalidInputError` (400).
 */
export function parseWebhook(webhook: WhatsAppWebhook, context: ParseContext): ParseResult {
  if (webhook.object !== 'whatsapp_business_account') {
    return {
      kind: 'ignored',
      reason: `a notification for "${webhook.object}", not a WhatsApp Business Account`,
    };
  }
  const activities: InboundActivity[] = [];
  const skipped = new Set<string>();
  const unreadable: InvalidInputError[] = [];
  for (const change of webhook.entry.flatMap((entry) => entry.changes)) {
    if (change.field !== 'messages') {
      skipped.add(`a change of the ${change.field} field`);
      continue;
    }
    for (const outcome of changeEvents(change.value, context)) {
      if (outcome.kind === 'activity') activities.push(outcome.activity);
      else if (outcome.kind === 'skipped') skipped.add(outcome.reason);
      else {
        unreadable.push(outcome.error);
        context.unreadable?.(outcome.error);
      }
    }
  }
  if (activities.length > 0) return { kind: 'activities', activities };
  const [first] = unreadable;
  if (first !== undefined) throw first;
  return { kind: 'ignored', reason: [...skipped].join('; ') || 'a notification without events' };
}
