import {
  InvalidInputError,
  NetworkApiError,
  adaptToCapabilities,
  type OutboundMessage,
} from '@tvox-connector/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectRejection, freePort } from '@tvox-connector/testkit';
import {
  TELEGRAM_CAPABILITIES,
  createTelegramAdapter,
  type TelegramAdapter,
} from '@tvox-connector/adapter-telegram';
import { expect } from 'chai';
import { FakeBotApi } from './support/fake-bot-api';
import { BOT_TOKEN, CHAT_ID, webhookSettings } from './support/telegram-fixtures';

describe('Telegram send', () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter;

  beforeEach(async () => {
    api = await FakeBotApi.start(BOT_TOKEN);
    adapter = createTelegramAdapter({
      id: 'telegram',
      settings: webhookSettings(api.apiRoot, 'https://connector.example.com/telegram'),
    });
  });

  afterEach(() => api.close());

  const photoUrl = 'https://tvox.example.com/files/photo-1.jpg';
  const message = (fields: Partial<OutboundMessage>): OutboundMessage => ({
    kind: 'message',
    messageId: 'out-1',
    conversation: { channel: 'telegram', id: CHAT_ID },
    origin: 'agent',
    attachments: [],
    quickReplies: [],
    ...fields,
  });
  const withPhotoAndPdf = message({
    text: 'Here is the label and the invoice',
    attachments: [
      { name: 'label.jpg', contentType: 'image/jpeg', size: 2048, url: photoUrl },
      {
        name: 'invoice.pdf',
        contentType: 'application/pdf',
        size: 4096,
        url: 'https://tvox.example.com/files/invoice.pdf',
      },
    ],
    quickReplies: [{ title: 'Thanks' }, { title: 'Still broken' }],
  });

  const keyboard = {
    keyboard: [[{ text: 'Thanks' }], [{ text: 'Still broken' }]],
    one_time_keyboard: true,
    resize_keyboard: true,
  };
  /** The parts core queues for a message, as the relay splits it by Telegram's capabilities. */
  const partsOf = (outbound: OutboundMessage) =>
    adaptToCapabilities(outbound, TELEGRAM_CAPABILITIES);
  /** Sends one part, checking that it took exactly one Bot API call and gave one message id. */
  const sendOne = async (sender: TelegramAdapter, part: OutboundMessage | undefined) => {
    if (part === undefined) return expect.fail('no such part');
    const before = api.calls.length;
    const receipt = await sender.send(part);
    expect(api.calls.length - before).to.equal(1);
    expect(receipt.networkMessageIds).to.have.length(1);
    return receipt;
  };

  it('sends each part in one call: the photo with the text as its caption, then the document with the keyboard', async () => {
    const parts = partsOf(withPhotoAndPdf);
    expect(parts).to.have.length(2);
    for (const part of parts) await sendOne(adapter, part);
    expect(api.accepted.map((c) => c.method)).to.deep.equal(['sendPhoto', 'sendDocument']);
    const [photo, pdf] = api.accepted.map((c) => c.params);
    // Plain text: no parse mode, so nothing an agent types is taken for markup.
    expect(photo).to.deep.equal({
      chat_id: CHAT_ID,
      photo: photoUrl,
      caption: 'Here is the label and the invoice',
    });
    expect(pdf).to.deep.equal({
      chat_id: CHAT_ID,
      document: 'https://tvox.example.com/files/invoice.pdf',
      reply_markup: keyboard,
    });
  });

  it('sends a text too long for a caption in a call of its own, before the file', async () => {
    const text = 'x'.repeat(2000);
    const photoOnly = {
      ...withPhotoAndPdf,
      text,
      attachments: withPhotoAndPdf.attachments.slice(0, 1),
    };
    for (const part of partsOf(photoOnly)) await sendOne(adapter, part);
    expect(api.accepted.map((c) => c.method)).to.deep.equal(['sendMessage', 'sendPhoto']);
    const [sent, photo] = api.accepted.map((c) => c.params);
    expect(sent).to.deep.equal({ chat_id: CHAT_ID, text });
    expect(photo).to.deep.equal({ chat_id: CHAT_ID, photo: photoUrl, reply_markup: keyboard });
  });

  it('sends a retried part once, from a new adapter instance that remembers nothing', async () => {
    const [first, second] = partsOf(withPhotoAndPdf);
    await sendOne(adapter, first);
    api.failNext({ kind: 'rate-limited', retryAfterSeconds: 3 });
    const error = await expectRejection(adapter.send(second!));
    expect(error).to.be.instanceOf(NetworkApiError);
    expect(error).to.include({ retryable: true, retryAfterMs: 3_000 });
    // A restart, or another connector instance taking the job over: nothing of the first try.
    const restarted = createTelegramAdapter({
      id: 'telegram',
      settings: webhookSettings(api.apiRoot, 'https://connector.example.com/telegram'),
    });
    await sendOne(restarted, second);
    expect(api.accepted.map((c) => c.method)).to.deep.equal(['sendPhoto', 'sendDocument']);
  });

  it('sends a part each time it is asked: which parts went out is for core’s ledger to know', async () => {
    const [first] = partsOf(withPhotoAndPdf);
    await sendOne(adapter, first);
    await sendOne(adapter, first);
    expect(api.accepted.map((c) => c.method)).to.deep.equal(['sendPhoto', 'sendPhoto']);
  });

  it('refuses a part of more files than one call carries, without calling Telegram', async () => {
    const error = await expectRejection(adapter.send(withPhotoAndPdf));
    expect(error).to.be.instanceOf(InvalidInputError);
    expect(error).to.include({ retryable: false });
    expect(api.calls).to.deep.equal([]);
  });

  it('records a user who blocked the bot as a permanent failure, with Telegram’s words', async () => {
    api.failNext({ kind: 'refused' });
    const error = await expectRejection(adapter.send(message({ text: 'hello?' })));
    expect(error).to.be.instanceOf(NetworkApiError);
    expect(error).to.include({
      code: 'TVOX_ERR_NETWORK_API',
      retryable: false,
      status: 403,
      networkCode: '403: Forbidden: bot was blocked by the user',
    });
  });

  it('refuses a wrong bot token for good, without the token in the error', async () => {
    const wrong = createTelegramAdapter({
      id: 'telegram',
      settings: {
        ...webhookSettings(api.apiRoot, 'https://connector.example.com/telegram'),
        botToken: '999:WRONG-token',
      },
    });
    const error = await expectRejection(wrong.send(message({ text: 'hi' })));
    expect(error).to.include({ status: 401, retryable: false });
    expect(JSON.stringify(error)).to.not.contain('WRONG-token');
    expect(error.message).to.not.contain('WRONG-token');
  });

  it('shows typing with sendChatAction', async () => {
    const receipt = await adapter.send({ kind: 'typing', conversation: message({}).conversation });
    expect(receipt.networkMessageIds).to.deep.equal([]);
    expect(api.callsOf('sendChatAction')).to.deep.equal([{ chat_id: CHAT_ID, action: 'typing' }]);
  });
});

describe('Telegram send that gets no answer', () => {
  const text = (): OutboundMessage => ({
    kind: 'message',
    messageId: 'out-9',
    conversation: { channel: 'telegram', id: CHAT_ID },
    origin: 'agent',
    text: 'Your parcel left this morning.',
    attachments: [],
    quickReplies: [],
  });

  it('knows a send whose connection was refused never reached Telegram', async () => {
    const closed = await freePort();
    const adapter = createTelegramAdapter({
      id: 'telegram',
      settings: webhookSettings(
        `http://127.0.0.1:${closed}`,
        'https://c.example.com/webhooks/telegram',
      ),
    });
    const error = await expectRejection(adapter.send(text()));
    expect(error).to.be.instanceOf(NetworkApiError).and.include({ outcomeUnknown: false });
  });

  it('says a send left without an answer may have reached Telegram', async () => {
    // Takes the request and never answers, as a Telegram that sent the message but whose answer
    // was lost would look.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const adapter = createTelegramAdapter({
        id: 'telegram',
        settings: {
          ...webhookSettings(`http://127.0.0.1:${port}`, 'https://c.example.com/webhooks/telegram'),
          requestTimeoutSeconds: 1,
        },
      });
      const error = await expectRejection(adapter.send(text()));
      expect(error)
        .to.be.instanceOf(NetworkApiError)
        .and.include({ outcomeUnknown: true, retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
