import {
  InboundActivity,
  parseInput,
  type ChannelId,
  type ParseResult,
} from '@tvox-connector/core';
import { z } from 'zod';
import type { FormField } from './form.js';
import { formRecord } from './form.js';

/** What the parser needs besides the body. */
export interface ParseContext {
  readonly channel: ChannelId;
  /** The channel's account: a webhook of another account is refused. */
  readonly accountSid: string;
  /** When the webhook arrived: Twilio's messaging webhooks carry no timestamp. */
  readonly receivedAt: Date;
  /** Told of a message the network could not deliver (`failed`, `undelivered`). */
  readonly failed: (failure: DeliveryFailure) => void;
}

/** An outbound message Twilio reports it could not deliver. */
export interface DeliveryFailure {
  readonly messageSid: string;
  readonly status: string;
  readonly errorCode: string | undefined;
}

const Sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `expected a ${prefix}... SID`);
/** A phone number or a channel address (`whatsapp:+1...`), as Twilio writes `From` and `To`. */
const Address = z.string().min(3).max(32);
const Count = z
  .string()
  .regex(/^\d{1,2}$/, 'expected a count')
  .transform(Number);

/** The parameters of a webhook this adapter reads, whatever else Twilio sends besides. */
export const TwilioWebhook = z.object({
  AccountSid: Sid('AC'),
  MessageSid: Sid('(SM|MM)'),
  From: Address,
  To: Address,
  Body: z.string().max(65_536).optional(),
  NumMedia: Count.optional(),
  MessageStatus: z.string().min(1).max(32).optional(),
  ErrorCode: z.string().max(16).optional(),
});
/** The parameters of a webhook this adapter reads. */
export type TwilioWebhook = z.infer<typeof TwilioWebhook>;

/** Statuses an outbound message's callback may bring that are receipts. */
const RECEIPTS: Readonly<Record<string, 'delivered' | 'read'>> = {
  delivered: 'delivered',
  read: 'read',
};
/** Statuses that end a message undelivered. */
const FAILURES = new Set(['failed', 'undelivered']);

/**
 * Turns a verified Twilio webhook into activities: an incoming SMS (the customer's number is the
 * conversation), or a status callback of a message the agent sent (`delivered`/`read` become
 * receipts; `failed`/`undelivered` are reported to `context.failed`; the rest is ignored).
 * Throws `InvalidInputError` when the parameters are not a Twilio messaging webhook.
 */
export function parseWebhook(fields: readonly FormField[], context: ParseContext): ParseResult {
  const hook = parseInput(TwilioWebhook, formRecord(fields), 'Twilio webhook');
  if (hook.AccountSid !== context.accountSid) {
    return { kind: 'ignored', reason: 'a webhook of another Twilio account' };
  }
  const at = context.receivedAt.toISOString();
  const status = hook.MessageStatus;
  if (status !== undefined && status !== 'received') {
    // A status callback: `To` is the customer the agent's message went to.
    const receipt = RECEIPTS[status];
    if (receipt !== undefined) {
      return activities({
        kind: 'receipt',
        conversation: { channel: context.channel, id: hook.To },
        status: receipt,
        networkMessageIds: [hook.MessageSid],
        at,
      });
    }
    if (FAILURES.has(status)) {
      context.failed({ messageSid: hook.MessageSid, status, errorCode: hook.ErrorCode });
    }
    return { kind: 'ignored', reason: `status callback "${status}"` };
  }
  const text = hook.Body === undefined || hook.Body === '' ? undefined : hook.Body;
  if (text === undefined) {
    return {
      kind: 'ignored',
      reason:
        (hook.NumMedia ?? 0) > 0 ? 'an MMS without text (media are not relayed)' : 'an empty SMS',
    };
  }
  return activities({
    kind: 'message',
    networkMessageId: hook.MessageSid,
    conversation: { channel: context.channel, id: hook.From },
    sender: { id: hook.From, phone: hook.From, contactValue: hook.From },
    text,
    attachments: [],
    entryPoint: hook.To,
    sentAt: at,
  });
}

function activities(activity: z.input<typeof InboundActivity>): ParseResult {
  return {
    kind: 'activities',
    activities: [parseInput(InboundActivity, activity, 'Twilio webhook')],
  };
}
