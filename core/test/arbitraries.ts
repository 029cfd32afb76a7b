import fc from 'fast-check';
import type { InboundMessage, TvoxEvent } from '@tvox-connector/core';

/** Valid values of the model and the contract, for property tests. */

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const isoDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
const text = fc.string({ minLength: 1, maxLength: 200 });
const attachment = fc.record({
  name: fc.stringMatching(/^[a-z]{1,12}\.(pdf|png|jpg)$/),
  contentType: fc.constantFrom('image/png', 'image/jpeg', 'application/pdf'),
  size: fc.nat({ max: 50_000_000 }),
  url: id.map((p) => `https://files.example.com/${p}`),
});
const conversation = fc.record({
  channel: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  id,
});

export const inboundMessageArb: fc.Arbitrary<InboundMessage> = fc
  .record(
    {
      kind: fc.constant('message' as const),
      networkMessageId: id,
      conversation,
      sender: fc.record(
        { id, displayName: text, locale: fc.constantFrom('it', 'en-GB', 'pt_BR') },
        { requiredKeys: ['id'] },
      ),
      text,
      attachments: fc.array(attachment, { maxLength: 3 }),
      sentAt: isoDate,
    },
    {
      requiredKeys: ['kind', 'networkMessageId', 'conversation', 'sender', 'attachments', 'sentAt'],
    },
  )
  .filter((m) => m.text !== undefined || m.attachments.length > 0);

export const tvoxEventArb: fc.Arbitrary<TvoxEvent> = fc.oneof(
  fc.record({
    type: fc.constant('statusChanged' as const),
    sequence: fc.integer({ min: 1 }),
    sessionId: id,
    at: isoDate,
    status: fc.constantFrom('NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED', 'UNKNOW' as const),
  }),
  fc.record({
    type: fc.constant('agentMessage' as const),
    sequence: fc.integer({ min: 1 }),
    sessionId: id,
    at: isoDate,
    messageId: id,
    agentCode: id,
    text,
  }),
  fc.record({
    type: fc.constant('agentTyping' as const),
    sequence: fc.integer({ min: 1 }),
    sessionId: id,
    at: isoDate,
    agentCode: id,
  }),
);
