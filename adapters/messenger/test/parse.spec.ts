import {
  InvalidInputError,
  InboundActivity,
  type InboundMessage,
  type InboundReceipt,
  type MessageRecord,
  type ParseResult,
} from '@tvox-connector/core';
import { createMessengerAdapter, type MessengerLedger } from '@tvox-connector/adapter-messenger';
import { RecordingLedger } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  CONVERSATION_ID,
  OTHER_PAGE_ID,
  PAGE_ID,
  PSID,
  attachmentEvent,
  deliveryEvent,
  echoEvent,
  entry,
  messengerSettings,
  notification,
  pageNotification,
  postbackEvent,
  quickReplyEvent,
  readEvent,
  signed,
  textEvent,
  type MessagingEventBody,
} from './support/messenger-fixtures';

const PUBLIC_URL = 'https://connector.example.com/webhooks/messenger';
const T = 1_767_225_600_123;
const at = { timestamp: T };

const adapter = (ledger?: MessengerLedger) =>
  createMessengerAdapter(
    { id: 'messenger', settings: messengerSettings('http://127.0.0.1:9', PUBLIC_URL) },
    ledger === undefined ? {} : { ledger },
  );

const parse = async (body: string, ledger?: MessengerLedger): Promise<ParseResult> => {
  const request = {
    method: 'POST',
    path: '/',
    query: {},
    headers: { 'content-type': 'application/json', ...signed(body) },
    rawBody: Buffer.from(body),
  };
  const messenger = adapter(ledger);
  messenger.verify(request);
  return messenger.parse(request);
};

const activities = async (body: string, ledger?: MessengerLedger) => {
  const result = await parse(body, ledger);
  if (result.kind !== 'activities')
    return expect.fail(`expected activities, got ${JSON.stringify(result)}`);
  for (const activity of result.activities)
    expect(() => InboundActivity.parse(activity)).to.not.throw();
  return result.activities;
};
const messages = async (body: string) => (await activities(body)) as InboundMessage[];

describe('Messenger webhooks', () => {
  it('reads a text message: conversation of Page and PSID, sender, entry point, send time to the millisecond', async () => {
    const [message] = await messages(
      pageNotification(T, textEvent(at, 'm_AG5Hz2Uq7t', 'Ciao, il pacco è arrivato rotto')),
    );
    expect(message).to.deep.equal({
      kind: 'message',
      networkMessageId: 'm_AG5Hz2Uq7t',
      conversation: { channel: 'messenger', id: CONVERSATION_ID },
      sender: { id: PSID },
      entryPoint: PAGE_ID,
      text: 'Ciao, il pacco è arrivato rotto',
      attachments: [],
      sentAt: new Date(T).toISOString(),
    });
  });

  it('reads every event of every entry of a batch, in order, each Page its own conversation', async () => {
    const body = notification(
      entry(PAGE_ID, T, [
        textEvent(at, 'm_1', 'first'),
        textEvent({ timestamp: T + 1 }, 'm_2', 'second'),
      ]),
      entry(OTHER_PAGE_ID, T, [
        textEvent({ pageId: OTHER_PAGE_ID, psid: '555', timestamp: T + 2 }, 'm_3', 'third'),
      ]),
    );
    const read = await messages(body);
    expect(
      read.map((m) => [m.networkMessageId, m.text, m.conversation.id, m.entryPoint]),
    ).to.deep.equal([
      ['m_1', 'first', CONVERSATION_ID, PAGE_ID],
      ['m_2', 'second', CONVERSATION_ID, PAGE_ID],
      ['m_3', 'third', `${OTHER_PAGE_ID}-555`, OTHER_PAGE_ID],
    ]);
  });

  it('links image, video, audio and file attachments through the connector, named and typed', async () => {
    const cdn = 'https://lookaside.fbsbx.com/ig_messaging_cdn/';
    const [message] = await messages(
      pageNotification(
        T,
        attachmentEvent(at, 'm_files', [
          { type: 'image', payload: { url: `${cdn}?asset_id=1&signature=abc` } },
          { type: 'video', payload: { url: 'https://video.xx.fbcdn.net/v/t42/clip.mp4?oh=1' } },
          {
            type: 'audio',
            payload: { url: 'https://cdn.fbsbx.com/v/t59/audioclip-1700.mp4?oh=2' },
          },
          {
            type: 'file',
            payload: { url: 'https://cdn.fbsbx.com/v/t59/Fattura%20maggio.pdf?oh=3' },
          },
        ]),
      ),
    );
    expect(message?.text).to.equal(undefined);
    expect(message?.attachments.map((a) => [a.name, a.contentType, a.size])).to.deep.equal([
      ['image-1.jpg', 'image/jpeg', 0],
      ['clip.mp4', 'video/mp4', 0],
      ['audioclip-1700.mp4', 'audio/mp4', 0],
      ['Fattura maggio.pdf', 'application/pdf', 0],
    ]);
    for (const attachment of message?.attachments ?? []) {
      expect(attachment.url.startsWith(`${PUBLIC_URL}/media?token=`)).to.equal(true);
      for (const token of Object.values(messengerSettings('', '').pages))
        expect(attachment.url).to.not.contain(token.accessToken);
    }
  });

  it('gives a shared link as text, and skips attachments that are not files', async () => {
    const [message] = await messages(
      pageNotification(
        T,
        attachmentEvent(at, 'm_link', [
          { type: 'fallback', payload: { title: 'Tracking', url: 'https://track.example.com/42' } },
          { type: 'template', payload: { template_type: 'generic' } },
        ]),
      ),
    );
    expect(message).to.include({ text: 'Tracking https://track.example.com/42' });
    expect(message?.attachments).to.deep.equal([]);
  });

  it('reads a tapped quick reply as its title with its payload, and a postback likewise', async () => {
    const [reply, postback] = await messages(
      pageNotification(
        T,
        quickReplyEvent(at, 'm_qr', 'Sì', 'YES'),
        postbackEvent({ timestamp: T + 5 }, 'm_pb', 'Parla con un operatore', 'HUMAN'),
      ),
    );
    expect(reply).to.include({ networkMessageId: 'm_qr', text: 'Sì', quickReplyPayload: 'YES' });
    expect(postback).to.include({
      networkMessageId: 'm_pb',
      text: 'Parla con un operatore',
      quickReplyPayload: 'HUMAN',
    });
  });

  it('gives a postback without a mid an id that is the same on every delivery', async () => {
    const body = pageNotification(T, {
      ...textEvent(at, 'unused', ''),
      message: undefined,
      postback: { title: 'Menu', payload: 'MENU' },
    });
    const [first] = await messages(body);
    const [again] = await messages(body);
    expect(first?.networkMessageId)
      .to.equal(`postback:${PSID}:${T}`)
      .and.equal(again?.networkMessageId);
  });

  it('turns a delivery of mids into a receipt', async () => {
    const [receipt] = (await activities(
      pageNotification(T, deliveryEvent(at, ['m_out-1', 'm_out-2'], T)),
    )) as InboundReceipt[];
    expect(receipt).to.deep.equal({
      kind: 'receipt',
      conversation: { channel: 'messenger', id: CONVERSATION_ID },
      status: 'delivered',
      networkMessageIds: ['m_out-1', 'm_out-2'],
      at: new Date(T).toISOString(),
    });
  });

  it('turns a read watermark into a read receipt of what the ledger says was sent up to it', async () => {
    const ledger = new RecordingLedger();
    const sent = (
      id: string,
      networkId: string,
      updatedAt: number,
      state: MessageRecord['state'] = 'sent',
    ): MessageRecord => ({
      id,
      direction: 'outbound',
      conversation: { channel: 'messenger', id: CONVERSATION_ID },
      networkMessageIds: [networkId],
      state,
      payload: {},
      acceptedAt: updatedAt,
      updatedAt,
    });
    const records = [
      sent('a', 'm_out-1', T - 2000),
      sent('b', 'm_out-2', T - 1000, 'delivered'),
      sent('c', 'm_out-3', T - 500, 'read'),
      sent('d', 'm_out-4', T + 1000),
    ];
    const fromLedger: MessengerLedger = {
      messages: async (query) =>
        (await ledger.messages(query)).concat(
          records.filter((r) => r.conversation.id === query.conversation?.id),
        ),
    };
    const [receipt] = (await activities(
      pageNotification(T, readEvent(at, T)),
      fromLedger,
    )) as InboundReceipt[];
    expect(receipt).to.include({ status: 'read' });
    expect(receipt?.networkMessageIds).to.deep.equal(['m_out-1', 'm_out-2']);
    const [delivered] = (await activities(
      pageNotification(T, deliveryEvent(at, undefined, T)),
      fromLedger,
    )) as InboundReceipt[];
    expect(delivered?.networkMessageIds).to.deep.equal(['m_out-1']);
  });

  it('ignores reads without a ledger, echoes, other Pages and other products, answered 200', async () => {
    const ignored = async (body: string) =>
      expect((await parse(body)).kind, body).to.equal('ignored');
    await ignored(pageNotification(T, readEvent(at, T)));
    await ignored(pageNotification(T, echoEvent(T, 'm_echo', 'sent by the Page')));
    await ignored(
      notification(entry('42', T, [textEvent({ pageId: '42', timestamp: T }, 'm_x', 'hi')])),
    );
    await ignored(JSON.stringify({ object: 'instagram', entry: [] }));
    await ignored(
      pageNotification(T, {
        ...textEvent(at, 'm_y', 'x'),
        message: undefined,
        reaction: { mid: 'm_1', action: 'react' },
      }),
    );
  });

  it('keeps the readable events of a batch with an unreadable one; refuses a batch of nothing else', async () => {
    const broken = { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 'yesterday' };
    const read = await messages(pageNotification(T, textEvent(at, 'm_ok', 'still here'), broken));
    expect(read.map((m) => m.text)).to.deep.equal(['still here']);
    const error = await parse(pageNotification(T, broken)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(InvalidInputError);
  });

  it('refuses a batch whose only event has a time no date can hold as malformed, not as a crash', async () => {
    for (const timestamp of [1e20, -1e20, 1.5]) {
      const body = pageNotification(
        T,
        textEvent({ timestamp }, 'm_when', 'hi'),
        readEvent({ timestamp }, T),
      );
      const error = await parse(body).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, String(timestamp)).to.be.instanceOf(InvalidInputError);
    }
  });

  it('reads any batch of customer events into one message per event, with its mid, in order (property)', async () => {
    const psid = fc.stringMatching(/^[1-9]\d{5,16}$/);
    const mid = fc.stringMatching(/^m_[A-Za-z0-9_-]{1,40}$/);
    const event: fc.Arbitrary<{ body: MessagingEventBody; mid: string | undefined }> = fc.oneof(
      fc
        .record({ psid, mid, text: fc.string({ minLength: 1, maxLength: 200 }) })
        .map(({ psid: p, mid: m, text }) => ({
          body: textEvent({ psid: p, timestamp: T }, m, text),
          mid: m,
        })),
      fc
        .record({
          psid,
          mid,
          type: fc.constantFrom('image', 'video', 'audio', 'file'),
          path: fc.webPath(),
        })
        .map(({ psid: p, mid: m, type, path }) => ({
          body: attachmentEvent({ psid: p, timestamp: T }, m, [
            { type, payload: { url: `https://cdn.fbsbx.com${path}` } },
          ]),
          mid: m,
        })),
      fc
        .record({
          psid,
          mid,
          title: fc.string({ minLength: 1, maxLength: 20 }),
          payload: fc.string({ minLength: 1 }),
        })
        .map(({ psid: p, mid: m, title, payload }) => ({
          body: quickReplyEvent({ psid: p, timestamp: T }, m, title, payload),
          mid: m,
        })),
      fc
        .record({ mid, text: fc.string({ minLength: 1 }) })
        .map(({ mid: m, text }) => ({ body: echoEvent(T, m, text), mid: undefined })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        async (entries) => {
          const body = notification(
            ...entries.map((events) =>
              entry(
                PAGE_ID,
                T,
                events.map((e) => e.body),
              ),
            ),
          );
          const expected = entries.flat().flatMap((e) => (e.mid === undefined ? [] : [e.mid]));
          const result = await parse(body);
          if (expected.length === 0) {
            expect(result.kind).to.equal('ignored');
            return;
          }
          if (result.kind !== 'activities') expect.fail(result.kind);
          expect(
            result.activities.map((a) => (a as InboundMessage).networkMessageId),
          ).to.deep.equal(expected);
          for (const activity of result.activities) InboundActivity.parse(activity);
        },
      ),
      { numRuns: 100 },
    );
  });
});
