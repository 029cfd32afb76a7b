import { InboundActivity, InvalidInputError, type ParseResult } from '@tvox-connector/core';
import {
  parseWebhook,
  readWebhook,
  type ParseContext,
  type WhatsAppStatus,
} from '@tvox-connector/adapter-whatsapp';
import type { MediaRef } from '@tvox-connector/meta-graph';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  CONVERSATION_ID,
  OTHER_PHONE_NUMBER_ID,
  PHONE_NUMBER_ID,
  WA_ID,
  message,
  messagesNotification,
  notification,
  status,
  statusNotification,
  textMessage,
  value,
} from './support/whatsapp-fixtures';

const AT = 1_767_225_600; // 2026-01-01T00:00:00Z, in seconds as the Cloud API writes it

interface Parsed {
  readonly result: ParseResult;
  readonly failed: WhatsAppStatus[];
  readonly unreadable: InvalidInputError[];
  readonly media: MediaRef[];
}

function parse(body: string): Parsed {
  const failed: WhatsAppStatus[] = [];
  const unreadable: InvalidInputError[] = [];
  const media: MediaRef[] = [];
  const context: ParseContext = {
    channel: 'whatsapp',
    isPhoneNumber: (id) => id === PHONE_NUMBER_ID || id === OTHER_PHONE_NUMBER_ID,
    mediaLink: (ref) => {
      media.push(ref);
      return `https://connector.example.com/webhooks/whatsapp/media?token=t${media.length}`;
    },
    failed: (s) => void failed.push(s),
    unreadable: (e) => void unreadable.push(e),
  };
  return {
    result: parseWebhook(readWebhook(Buffer.from(body)), context),
    failed,
    unreadable,
    media,
  };
}

function activities(body: string): readonly InboundActivity[] {
  const { result } = parse(body);
  if (result.kind !== 'activities') return expect.fail(`expected activities, got ${result.kind}`);
  return result.activities;
}

function only(body: string): InboundActivity {
  const [first, ...rest] = activities(body);
  expect(rest).to.deep.equal([]);
  if (first === undefined) return expect.fail('no activity');
  return first;
}

describe('WhatsApp webhook parsing', () => {
  it('reads a text with the customer’s name and number, the number it came to and its time', () => {
    expect(only(messagesNotification(textMessage('wamid.A1', AT, 'Ciao!')))).to.deep.equal({
      kind: 'message',
      networkMessageId: 'wamid.A1',
      conversation: { channel: 'whatsapp', id: CONVERSATION_ID },
      sender: { id: WA_ID, phone: WA_ID, displayName: 'Marco Rossi' },
      entryPoint: PHONE_NUMBER_ID,
      sentAt: '2026-01-01T00:00:00.000Z',
      text: 'Ciao!',
      attachments: [],
    });
  });

  it('links a file through the connector by its media id, its caption as text', () => {
    const parsed = parse(
      messagesNotification(
        message('wamid.I1', AT, 'image', {
          image: {
            id: '1479537139650973',
            mime_type: 'image/jpeg',
            sha256: 'x',
            caption: 'Il pacco',
          },
        }),
        message('wamid.D2', AT + 1, 'document', {
          document: { id: '2000', mime_type: 'application/pdf', filename: 'fattura.pdf' },
        }),
        message('wamid.V3', AT + 2, 'audio', {
          audio: { id: '3000', mime_type: 'audio/ogg; codecs=opus', voice: true },
        }),
      ),
    );
    if (parsed.result.kind !== 'activities') return expect.fail(parsed.result.kind);
    const [image, document, voice] = parsed.result.activities;
    expect(image).to.deep.include({ text: 'Il pacco' });
    expect(image?.kind === 'message' && image.attachments).to.deep.equal([
      {
        name: 'image-wamidI1.jpg',
        contentType: 'image/jpeg',
        size: 0,
        url: 'https://connector.example.com/webhooks/whatsapp/media?token=t1',
      },
    ]);
    expect(document?.kind === 'message' && document.attachments[0]?.name).to.equal('fattura.pdf');
    expect(voice?.kind === 'message' && voice.attachments[0]?.contentType).to.equal('audio/ogg');
    expect(voice?.kind === 'message' && voice.text).to.equal(undefined);
    expect(parsed.media.map((m) => m.url)).to.deep.equal([
      `1479537139650973?phone_number_id=${PHONE_NUMBER_ID}`,
      `2000?phone_number_id=${PHONE_NUMBER_ID}`,
      `3000?phone_number_id=${PHONE_NUMBER_ID}`,
    ]);
  });

  it('gives a location as text with a map link, and contact cards as text', () => {
    const [place, card] = activities(
      messagesNotification(
        message('wamid.L1', AT, 'location', {
          location: {
            latitude: 45.4642,
            longitude: 9.19,
            name: 'Duomo',
            address: 'Piazza del Duomo, Milano',
          },
        }),
        message('wamid.C2', AT + 1, 'contacts', {
          contacts: [
            {
              name: { formatted_name: 'Anna Verdi', first_name: 'Anna' },
              phones: [{ phone: '+39 02 1234567', type: 'WORK', wa_id: '39021234567' }],
              emails: [{ email: 'anna@example.com', type: 'WORK' }],
            },
          ],
        }),
      ),
    );
    expect(place).to.deep.include({
      text: 'Location: Duomo, Piazza del Duomo, Milano\nhttps://www.google.com/maps/search/?api=1&query=45.4642,9.19',
    });
    expect(card).to.deep.include({ text: 'Contact: Anna Verdi, +39 02 1234567, anna@example.com' });
  });

  it('gives a tapped reply button, list row or template button as its title, keeping its id', () => {
    const replies = activities(
      messagesNotification(
        message('wamid.B1', AT, 'interactive', {
          interactive: { type: 'button_reply', button_reply: { id: 'yes-ship', title: 'Sì' } },
        }),
        message('wamid.B2', AT + 1, 'interactive', {
          interactive: {
            type: 'list_reply',
            list_reply: { id: 'slot-2', title: 'Domani', description: '9-12' },
          },
        }),
        message('wamid.B3', AT + 2, 'button', { button: { text: 'Riprendi', payload: 'resume' } }),
      ),
    );
    expect(replies.map((r) => r.kind === 'message' && [r.text, r.quickReplyPayload])).to.deep.equal(
      [
        ['Sì', 'yes-ship'],
        ['Domani', 'slot-2'],
        ['Riprendi', 'resume'],
      ],
    );
  });

  it('turns delivered and read statuses into receipts, logs a failed one with its reason, skips sent', () => {
    const parsed = parse(
      statusNotification(
        status('wamid.OUT1', 'sent', AT),
        status('wamid.OUT1', 'delivered', AT + 1),
        status('wamid.OUT1', 'read', AT + 2),
        status('wamid.OUT2', 'failed', AT + 3, {
          errors: [
            { code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' },
          ],
        }),
      ),
    );
    if (parsed.result.kind !== 'activities') return expect.fail(parsed.result.kind);
    expect(parsed.result.activities).to.deep.equal([
      {
        kind: 'receipt',
        conversation: { channel: 'whatsapp', id: CONVERSATION_ID },
        status: 'delivered',
        networkMessageIds: ['wamid.OUT1'],
        at: '2026-01-01T00:00:01.000Z',
      },
      {
        kind: 'receipt',
        conversation: { channel: 'whatsapp', id: CONVERSATION_ID },
        status: 'read',
        networkMessageIds: ['wamid.OUT1'],
        at: '2026-01-01T00:00:02.000Z',
      },
    ]);
    expect(parsed.failed.map((s) => [s.id, s.errors?.[0]?.code])).to.deep.equal([
      ['wamid.OUT2', 131047],
    ]);
  });

  it('reads every change of a batch, each with its own number, and skips numbers of other channels', () => {
    const batch = notification(
      value({ messages: [textMessage('wamid.1', AT, 'uno')] }),
      value(
        { messages: [textMessage('wamid.2', AT, 'due', '447700900123')] },
        OTHER_PHONE_NUMBER_ID,
      ),
      value({ messages: [textMessage('wamid.3', AT, 'tre')] }, '555'),
    );
    expect(activities(batch).map((a) => a.conversation.id)).to.deep.equal([
      CONVERSATION_ID,
      `${OTHER_PHONE_NUMBER_ID}-447700900123`,
    ]);
  });

  it('relays the readable events of a batch and reports the one that does not read', () => {
    const parsed = parse(
      messagesNotification(textMessage('wamid.ok', AT, 'ok'), {
        from: WA_ID,
        id: 'wamid.bad',
        type: 'text',
        text: { body: 'no time' },
      }),
    );
    expect(parsed.result.kind === 'activities' && parsed.result.activities.length).to.equal(1);
    expect(parsed.unreadable).to.have.length(1);
  });

  it('ignores what it does not relay, saying what', () => {
    const { result } = parse(
      messagesNotification(
        message('wamid.R', AT, 'reaction', { reaction: { message_id: 'wamid.x', emoji: '👍' } }),
        message('wamid.U', AT, 'unsupported', { errors: [{ code: 131051 }] }),
      ),
    );
    expect(result.kind).to.equal('ignored');
    expect(result.kind === 'ignored' && result.reason).to.contain('reaction');
  });

  it('makes valid activities of any text, id and time (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }).filter((t) => t.trim() !== ''),
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.stringMatching(/^\d{1,15}$/),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (text, id, waId, seconds) => {
          const activity = only(messagesNotification(textMessage(id, seconds, text, waId)));
          expect(InboundActivity.safeParse(activity).success).to.equal(true);
          expect(activity).to.deep.include({ networkMessageId: id, text });
          expect(activity.conversation.id).to.equal(`${PHONE_NUMBER_ID}-${waId}`);
        },
      ),
    );
  });

  it('gives valid activities, an ignored answer or InvalidInputError for any event in a batch (property)', () => {
    const event = fc.oneof(
      fc.anything(),
      fc.record({
        from: fc.oneof(fc.stringMatching(/^\d{1,15}$/), fc.string()),
        id: fc.string(),
        timestamp: fc.oneof(fc.stringMatching(/^\d{1,12}$/), fc.string()),
        type: fc.constantFrom(
          'text',
          'image',
          'location',
          'contacts',
          'interactive',
          'button',
          'x',
        ),
        text: fc.record({ body: fc.string() }),
        image: fc.record({ id: fc.string(), mime_type: fc.string(), filename: fc.string() }),
        location: fc.record({ latitude: fc.double(), longitude: fc.double() }),
        contacts: fc.array(fc.record({ name: fc.record({ formatted_name: fc.string() }) })),
        interactive: fc.record({
          type: fc.string(),
          button_reply: fc.record({ id: fc.string(), title: fc.string() }),
        }),
        button: fc.record({ text: fc.string(), payload: fc.string() }),
      }),
    );
    const statusEvent = fc.record({
      id: fc.string(),
      status: fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted'),
      timestamp: fc.stringMatching(/^\d{1,12}$/),
      recipient_id: fc.oneof(fc.stringMatching(/^\d{1,15}$/), fc.string()),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 4 }),
        fc.array(statusEvent, { maxLength: 3 }),
        (messages, statuses) => {
          const body = notification(
            value({ messages: messages as Record<string, unknown>[], statuses }),
          );
          try {
            const { result } = parse(body);
            if (result.kind === 'activities') {
              for (const a of result.activities)
                expect(InboundActivity.safeParse(a).success).to.equal(true);
            } else expect(result.kind).to.equal('ignored');
          } catch (error) {
            expect(error).to.be.instanceOf(InvalidInputError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
