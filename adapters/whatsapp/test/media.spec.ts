import type { InboundActivity } from '@tvox-connector/core';
import { createWhatsAppAdapter, type WhatsAppAdapter } from '@tvox-connector/adapter-whatsapp';
import { RecordingLogger, serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import { FakeWhatsAppApi } from './support/fake-whatsapp-api';
import {
  NUMBER_TOKENS,
  PHONE_NUMBER_ID,
  message,
  messagesNotification,
  status,
  statusNotification,
  whatsappSettings,
} from './support/whatsapp-fixtures';

const VOICE = Buffer.from('OggS a voice note about the order');

describe('WhatsApp media links and statuses', () => {
  let api: FakeWhatsAppApi;
  let server: ServedAdapter;
  let adapter: WhatsAppAdapter | undefined;
  let stored: InboundActivity[];
  let logger: RecordingLogger;

  beforeEach(async () => {
    api = await FakeWhatsAppApi.start(NUMBER_TOKENS);
    stored = [];
    logger = new RecordingLogger();
    server = await serveAdapter(
      () => adapter,
      { accept: async (activities) => void stored.push(...activities) },
      { mount: '/webhooks/whatsapp' },
    );
    adapter = createWhatsAppAdapter(
      { id: 'whatsapp', settings: whatsappSettings(api.apiRoot, server.webhookUrl) },
      { logger },
    );
  });
  afterEach(async () => {
    await adapter?.stop();
    await Promise.all([server.close(), api.close()]);
  });

  it('links a voice note through the connector, fetched with the number’s token only when opened', async () => {
    const mediaId = api.addMedia(PHONE_NUMBER_ID, 'audio/ogg', VOICE);
    const body = messagesNotification(
      message('wamid.V1', 1_767_225_600, 'audio', {
        audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
      }),
    );
    expect(await api.deliver(server.webhookUrl, body)).to.equal(200);
    const link = stored[0]?.kind === 'message' ? (stored[0].attachments[0]?.url ?? '') : '';
    expect(link.startsWith(`${server.webhookUrl}/media?token=`)).to.equal(true);
    for (const token of Object.values(NUMBER_TOKENS)) expect(link).to.not.contain(token);
    expect(
      api.calls.filter((c) => c.method === 'GET'),
      'nothing fetched before the link is opened',
    ).to.deep.equal([]);

    const download = await request(link);
    expect(download.statusCode).to.equal(200);
    expect(download.headers['content-type']).to.equal('audio/ogg');
    expect(Buffer.from(await download.body.arrayBuffer()).equals(VOICE)).to.equal(true);
    const [resolve, fetch] = api.calls;
    expect(resolve).to.deep.include({ method: 'GET', path: `/v21.0/${mediaId}` });
    expect(resolve?.query).to.deep.equal({ phone_number_id: PHONE_NUMBER_ID });
    for (const call of [resolve, fetch]) {
      expect(call?.headers.authorization).to.equal(`Bearer ${NUMBER_TOKENS[PHONE_NUMBER_ID]}`);
    }

    api.dropMedia(mediaId);
    const gone = await request(link);
    await gone.body.dump();
    expect(gone.statusCode).to.equal(502);
    expect(JSON.stringify(logger.lines)).to.not.contain(NUMBER_TOKENS[PHONE_NUMBER_ID]);
  });

  it('logs a failed status with WhatsApp’s reason, and stores nothing for it', async () => {
    const body = statusNotification(
      status('wamid.OUT9', 'failed', 1_767_225_600, {
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            error_data: {
              details:
                'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
            },
          },
        ],
      }),
    );
    expect(await api.deliver(server.webhookUrl, body)).to.equal(200);
    expect(stored).to.deep.equal([]);
    const line = logger.lines.find((l) => l.message === 'WhatsApp could not deliver a message');
    expect(JSON.stringify(line)).to.contain('131047').and.contain('wamid.OUT9');
  });
});
