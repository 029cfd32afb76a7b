import {
  InvalidInputError,
  NetworkApiError,
  type MessageRecord,
  type OutboundMessage,
} from '@tvox-connector/core';
import {
  createWhatsAppAdapter,
  type WhatsAppAdapter,
  type WhatsAppLedger,
  type WhatsAppSettingsInput,
} from '@tvox-connector/adapter-whatsapp';
import { ManualClock, RecordingLogger, expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { FakeWhatsAppApi } from './support/fake-whatsapp-api';
import {
  CONVERSATION_ID,
  NUMBER_TOKENS,
  OTHER_PHONE_NUMBER_ID,
  PHONE_NUMBER_ID,
  WA_ID,
  whatsappSettings,
} from './support/whatsapp-fixtures';

const HOUR = 3600 * 1000;
const NOW = Date.parse('2026-03-02T09:30:00Z');
let nextId = 0;

const message = (fields: Partial<OutboundMessage> = {}): OutboundMessage => ({
  kind: 'message',
  messageId: `out-${++nextId}`,
  conversation: { channel: 'whatsapp', id: CONVERSATION_ID },
  origin: 'agent',
  attachments: [],
  quickReplies: [],
  ...fields,
});

/** A ledger whose only inbound message the customer sent `ago` milliseconds before NOW. */
const ledgerWith = (ago: number): WhatsAppLedger => ({
  messages: async (query) => {
    if (query.direction !== 'inbound') return [];
    const record: MessageRecord = {
      id: 'in-1',
      direction: 'inbound',
      conversation: { channel: 'whatsapp', id: CONVERSATION_ID },
      networkMessageIds: ['wamid.in'],
      state: 'sent',
      payload: { kind: 'message', sentAt: new Date(NOW - ago).toISOString() },
      acceptedAt: NOW,
      updatedAt: NOW,
    };
    return [record];
  },
});

describe('WhatsApp sends', () => {
  let api: FakeWhatsAppApi;
  let adapters: WhatsAppAdapter[];
  const adapter = (
    more: Partial<WhatsAppSettingsInput> = {},
    deps: { ledger?: WhatsAppLedger; serviceCode?: string } = {},
  ) => {
    const made = createWhatsAppAdapter(
      {
        id: 'whatsapp',
        settings: whatsappSettings(
          api.apiRoot,
          'https://connector.example.com/webhooks/whatsapp',
          more,
        ),
        serviceCode: deps.serviceCode ?? 'SUPPORT',
        entryPoints: { [OTHER_PHONE_NUMBER_ID]: 'SALES' },
      },
      {
        clock: new ManualClock(NOW),
        ...(deps.ledger === undefined ? {} : { ledger: deps.ledger }),
      },
    );
    adapters.push(made);
    return made;
  };

  beforeEach(async () => {
    api = await FakeWhatsAppApi.start(NUMBER_TOKENS);
    adapters = [];
  });
  afterEach(async () => {
    await Promise.all(adapters.map((a) => a.stop()));
    await api.close();
  });

  const posts = () => api.calls.filter((c) => c.method === 'POST');
  const bodyOf = (index: number) =>
    JSON.parse(posts()[index]?.body.toString() ?? '{}') as Record<string, unknown>;

  it('sends a text from the conversation’s number, with its token, and returns the wamid', async () => {
    const receipt = await adapter().send(message({ text: 'Buongiorno!' }));
    expect(receipt.networkMessageIds).to.deep.equal(['wamid.HBgMfake1']);
    const [call] = posts();
    expect(call?.path).to.equal(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${NUMBER_TOKENS[PHONE_NUMBER_ID]}`);
    expect(bodyOf(0)).to.deep.equal({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: WA_ID,
      type: 'text',
      text: { body: 'Buongiorno!', preview_url: false },
    });
  });

  it('sends quick replies as reply buttons whose ids are the payloads', async () => {
    await adapter().send(
      message({
        text: 'Confermi?',
        quickReplies: [{ title: 'Sì', payload: 'yes' }, { title: 'No' }],
      }),
    );
    expect(bodyOf(0)).to.deep.include({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Confermi?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Sì' } },
            { type: 'reply', reply: { id: 'No', title: 'No' } },
          ],
        },
      },
    });
  });

  it('numbers the quick replies of a text too long for an interactive body', async () => {
    const text = 'x'.repeat(1500);
    await adapter().send(message({ text, quickReplies: [{ title: 'A' }, { title: 'B' }] }));
    expect(bodyOf(0)).to.deep.include({
      type: 'text',
      text: { body: `${text}\n\n1. A\n2. B`, preview_url: false },
    });
  });

  it('sends a file by link as its kind, a document with its name, and a file with buttons as their header', async () => {
    const a = adapter();
    const file = (name: string, contentType: string) => ({
      name,
      contentType,
      size: 1000,
      url: `https://tvox.example.com/files/${name}`,
    });
    await a.send(message({ attachments: [file('photo.jpg', 'image/jpeg')] }));
    await a.send(message({ attachments: [file('label.pdf', 'application/pdf')] }));
    await a.send(
      message({ attachments: [file('note.mp3', 'audio/mpeg')], quickReplies: [{ title: 'Ok' }] }),
    );
    expect(bodyOf(0)).to.deep.include({
      type: 'image',
      image: { link: 'https://tvox.example.com/files/photo.jpg' },
    });
    expect(bodyOf(1)).to.deep.include({
      type: 'document',
      document: { link: 'https://tvox.example.com/files/label.pdf', filename: 'label.pdf' },
    });
    expect(bodyOf(2)).to.deep.include({
      type: 'interactive',
      interactive: {
        type: 'button',
        header: {
          type: 'document',
          document: { link: 'https://tvox.example.com/files/note.mp3', filename: 'note.mp3' },
        },
        body: { text: 'note.mp3' },
        action: { buttons: [{ type: 'reply', reply: { id: 'Ok', title: 'Ok' } }] },
      },
    });
  });

  it('answers a second number’s conversation from that number, with its token', async () => {
    await adapter().send(
      message({
        conversation: { channel: 'whatsapp', id: `${OTHER_PHONE_NUMBER_ID}-${WA_ID}` },
        text: 'Ciao',
      }),
    );
    const [call] = posts();
    expect(call?.path).to.equal(`/v21.0/${OTHER_PHONE_NUMBER_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${NUMBER_TOKENS[OTHER_PHONE_NUMBER_ID]}`);
  });

  it('refuses a conversation id it did not make, or of a number not in the channel, sending nothing', async () => {
    const a = adapter();
    const bad = await expectRejection(
      a.send(message({ conversation: { channel: 'whatsapp', id: 'nope' }, text: 'x' })),
    );
    expect(bad).to.be.instanceOf(InvalidInputError);
    const unknown = await expectRejection(
      a.send(message({ conversation: { channel: 'whatsapp', id: `777-${WA_ID}` }, text: 'x' })),
    );
    expect(unknown).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(posts()).to.deep.equal([]);
  });

  it('sends within 24 hours of the customer’s last message, and marks that message read once an agent answered', async () => {
    const a = adapter({}, { ledger: ledgerWith(23 * HOUR) });
    await a.send(message({ origin: 'system', text: 'Un operatore ti risponderà a breve' }));
    expect(api.reads, 'not for a notice').to.deep.equal([]);
    await a.send(message({ text: 'In tempo' }));
    await a.send(message({ text: 'Ancora una cosa' }));
    expect(bodyOf(1)).to.deep.include({ type: 'text' });
    expect(bodyOf(2)).to.deep.equal({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.in',
    });
    expect(api.reads, 'once per customer message').to.deep.equal(['wamid.in']);
  });

  it('keeps a reply sent when its read mark fails, and logs it', async () => {
    const logger = new RecordingLogger();
    const a = createWhatsAppAdapter(
      { id: 'whatsapp', settings: whatsappSettings(api.apiRoot, 'https://c.example.com/w') },
      { clock: new ManualClock(NOW), ledger: ledgerWith(HOUR), logger },
    );
    adapters.push(a);
    api.failNext({ kind: 'pass' }, { kind: 'server-error', status: 503 });
    expect((await a.send(message({ text: 'Eccomi' }))).networkMessageIds).to.have.length(1);
    expect(api.reads).to.deep.equal([]);
    expect(logger.lines.map((l) => l.message)).to.include(
      'a WhatsApp message could not be marked as read',
    );
  });

  it('fails for good, saying no template is configured and sending nothing, once the window is closed', async () => {
    const error = await expectRejection(
      adapter({}, { ledger: ledgerWith(25 * HOUR) }).send(message({ text: 'Troppo tardi' })),
    );
    expect(error).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(error.message)
      .to.match(/more than 24 hours ago/)
      .and.match(/no template is configured/);
    expect(posts()).to.deep.equal([]);
  });

  it('sends the service’s template for the customer’s locale instead, once per closed window, and fails the reply saying so', async () => {
    const templates = {
      windowTemplates: {
        SUPPORT: {
          it: { name: 'risposta_in_attesa', language: 'it' },
          '*': { name: 'reply_waiting', language: 'en' },
        },
        SALES: { '*': { name: 'sales_follow_up', language: 'en_US' } },
      },
    };
    const a = adapter(templates, { ledger: ledgerWith(30 * HOUR) });
    const error = await expectRejection(a.send(message({ text: 'Eccomi', locale: 'it-IT' })));
    expect(error).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(error.message).to.contain('the template "risposta_in_attesa" (it) was sent instead');
    expect(bodyOf(0)).to.deep.include({
      to: WA_ID,
      type: 'template',
      template: { name: 'risposta_in_attesa', language: { code: 'it' } },
    });
    const again = await expectRejection(a.send(message({ text: 'Sei ancora lì?', locale: 'it' })));
    expect(again.message).to.contain('was already sent at 2026-03-02T09:30:00.000Z');
    expect(posts(), 'one template per closed window').to.have.length(1);
    await expectRejection(
      a.send(
        message({
          conversation: { channel: 'whatsapp', id: `${PHONE_NUMBER_ID}-447700900123` },
          text: 'Hello',
        }),
      ),
    );
    expect(bodyOf(1)).to.deep.include({
      template: { name: 'reply_waiting', language: { code: 'en' } },
    });
    await expectRejection(
      a.send(
        message({
          conversation: { channel: 'whatsapp', id: `${OTHER_PHONE_NUMBER_ID}-${WA_ID}` },
          text: 'Hi',
        }),
      ),
    );
    expect(bodyOf(2)).to.deep.include({
      template: { name: 'sales_follow_up', language: { code: 'en_US' } },
    });
    expect(posts().map((_, i) => bodyOf(i).type)).to.deep.equal([
      'template',
      'template',
      'template',
    ]);
  });

  it('maps WhatsApp’s errors: undeliverable (131026) and an expired token (190) permanent, the token kept out', async () => {
    const a = adapter();
    api.failNext({ kind: 'refused' });
    const refused = await expectRejection(a.send(message({ text: 'x' })));
    if (!(refused instanceof NetworkApiError)) return expect.fail(String(refused));
    expect(refused.retryable).to.equal(false);
    expect(refused.networkCode).to.match(/^131026/);

    const limited = createWhatsAppAdapter({
      id: 'whatsapp',
      settings: whatsappSettings(api.apiRoot, 'https://c.example.com/w', {
        phoneNumbers: { [PHONE_NUMBER_ID]: { accessToken: 'EAAJ-a-token-that-expired-000' } },
      }),
    });
    adapters.push(limited);
    const expired = await expectRejection(limited.send(message({ text: 'x' })));
    expect(expired).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(expired.message).to.match(/access token expired or is invalid/);
    expect(expired.message).to.not.contain('EAAJ-a-token-that-expired-000');
  });
});
