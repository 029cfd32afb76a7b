import {
  InboundMessage,
  InvalidInputError,
  MAX_TEXT_LENGTH,
  parseInput,
  type ParseResult,
} from '@tvox-connector/core';
import { z } from 'zod';

/** Every Acme Chat webhook: one event, told apart by `type`. Loose: new fields are no error. */
const AcmeEvent = z.looseObject({ type: z.string().min(1) });

/** A customer's message, as Acme Chat posts it. */
const AcmeMessage = z.looseObject({
  type: z.literal('message'),
  id: z.string().min(1),
  chatId: z.string().min(1),
  from: z.looseObject({ id: z.string().min(1), name: z.string().min(1).optional() }),
  text: z.string().min(1).max(MAX_TEXT_LENGTH),
  sentAt: z.iso.datetime({ offset: true }),
});

function json(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new InvalidInputError('Acme Chat webhook', [{ path: '', message: 'expected JSON' }]);
  }
}

/**
 * Turns a verified Acme Chat webhook into core's activities: a customer's message becomes one
 * `InboundMessage`; any other event (reactions, read marks) is ignored, answered 200 so that
 * Acme Chat does not post it again. A body that is not an Acme Chat event is `InvalidInputError`.
 */
export function parseWebhook(rawBody: Buffer, channel: string): ParseResult {
  const body = json(rawBody);
  const event = parseInput(AcmeEvent, body, 'Acme Chat webhook');
  if (event.type !== 'message') return { kind: 'ignored', reason: `Acme Chat ${event.type} event` };
  const message = parseInput(AcmeMessage, body, 'Acme Chat message');
  const activity = parseInput(
    InboundMessage,
    {
      kind: 'message',
      networkMessageId: message.id,
      conversation: { channel, id: message.chatId },
      sender: {
        id: message.from.id,
        ...(message.from.name === undefined ? {} : { displayName: message.from.name }),
      },
      text: message.text,
      sentAt: message.sentAt,
    },
    'Acme Chat message',
  );
  return { kind: 'activities', activities: [activity] };
}
