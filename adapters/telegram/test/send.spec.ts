import { NetworkApiError, type OutboundMessage } from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
import { createTelegramAdapter, type TelegramAdapter } from '@tvox-connector/adapter-telegram';
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

  it('sends plain text, then a photo and a document by URL, the keyboard on the last', async () => {
    const receipt = await adapter.send(withPhotoAndPdf);
    expect(api.accepted.map((c) => c.method)).to.deep.equal([
      'sendMessage',
      'sendPhoto',
      'sendDocument',
    ]);
    const [text, photo, pdf] = api.accepted.map((c) => c.params);
    expect(text).to.deep.equal({ chat_id: CHAT_ID, text: 'Here is the label and the invoice' });
    expect(photo).to.deep.equal({ chat_id: CHAT_ID, photo: photoUrl });
    expect(pdf).to.deep.include({ document: 'https://tvox.example.com/files/invoice.pdf' });
    expect(pdf?.reply_markup).to.deep.equal({
      keyboard: [[{ text: 'Thanks' }], [{ text: 'Still broken' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(receipt.networkMessageIds).to.have.length(3);
  });

  it('resends only the steps that failed when core retries a message', async () => {
    api.failNext({ kind: 'pass' }, { kind: 'rate-limited', retryAfterSeconds: 3 });
    const error = await expectRejection(adapter.send(withPhotoAndPdf));
    expect(error).to.be.instanceOf(NetworkApiError);
    expect(error).to.include({ retryable: true, retryAfterMs: 3_000 });
    expect(api.accepted.map((c) => c.method)).to.deep.equal(['sendMessage']);
    const receipt = await adapter.send(withPhotoAndPdf);
    expect(api.accepted.map((c) => c.method)).to.deep.equal([
      'sendMessage',
      'sendPhoto',
      'sendDocument',
    ]);
    expect(receipt.networkMessageIds).to.have.length(3);
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
