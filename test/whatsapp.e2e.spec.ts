import { noopMetrics, type InboundActivity } from '@tvox-connector/core';
import { createWhatsAppAdapter } from '@tvox-connector/adapter-whatsapp';
import { loadAdapterPackage, webhookRoutes } from '@tvox-connector/cli';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import Fastify from 'fastify';
import { request } from 'undici';
import {
  CONVERSATION_ID,
  NUMBER_TOKENS,
  OTHER_PHONE_NUMBER_ID,
  PHONE_NUMBER_ID,
  VERIFY_TOKEN,
  WA_ID,
  message,
  messagesNotification,
  notification,
  signed,
  status,
  statusNotification,
  textMessage,
  value,
  whatsappSettings,
} from '../adapters/whatsapp/test/support/whatsapp-fixtures';
import { AGENT, WhatsAppHarness } from './support/whatsapp-harness';

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a JPEG of the broken parcel', 'latin1');
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('the whatsapp adapter in the connector', () => {
  it('is what `adapter: whatsapp` loads', () => {
    const loaded = loadAdapterPackage('whatsapp', __dirname);
    expect(loaded.network).to.equal('whatsapp');
  });

  it('answers Meta’s handshake and takes signed notifications on the connector’s own server', async () => {
    const adapter = createWhatsAppAdapter({
      id: 'whatsapp',
      settings: whatsappSettings(
        'http://127.0.0.1:9',
        'https://connector.example.com/webhooks/whatsapp',
      ),
    });
    const stored: InboundActivity[] = [];
    const app = Fastify();
    await app.register(webhookRoutes, {
      sink: { accept: async (activities) => void stored.push(...activities) },
      adapters: [adapter],
      endpoints: [],
      metrics: noopMetrics,
    });
    try {
      const handshake = await app.inject({
        method: 'GET',
        url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      });
      expect(handshake.statusCode).to.equal(200);
      expect(handshake.body).to.equal('1158201444');
      const wrong = await app.inject({
        method: 'GET',
        url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
      });
      expect(wrong.statusCode).to.equal(401);
      // Escaped as Meta escapes: the signature holds only over these exact bytes.
      const body = messagesNotification(
        textMessage('wamid.e1', 1_767_225_600, 'café / ok'),
      ).replace('café / ok', 'caf\\u00e9 \\/ ok');
      const posted = await app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/json', ...signed(body) },
        payload: body,
      });
      expect(posted.statusCode).to.equal(200);
      const forged = await app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/json', ...signed(`${body} `) },
        payload: body,
      });
      expect(forged.statusCode).to.equal(401);
      expect(stored.map((a) => (a.kind === 'message' ? a.text : a.kind))).to.deep.equal([
        'café / ok',
      ]);
    } finally {
      await app.close();
      await adapter.stop();
    }
  });
});

for (const transport of ['rest', 'soap'] as const) {
  describe(`WhatsApp end to end (relay mode, ${transport.toUpperCase()})`, function () {
    this.timeout(30_000);
    let h: WhatsAppHarness;

    afterEach(async () => {
      await h.stop();
    });

    const theSession = async () => {
      const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
      if (!session) return expect.fail('no session in TVox');
      return h.simulator.client.session(session.sessionId);
    };
    const outbound = (id = CONVERSATION_ID) =>
      h.relay.messages({ conversation: { channel: 'whatsapp', id }, direction: 'outbound' });

    it('brings a batch of the customer’s text and photo to an agent, the reply and a file back, a tapped button, and the statuses to the ledger', async () => {
      h = await new WhatsAppHarness(transport).start();
      const now = seconds(Date.now());
      const photo = h.graph.addMedia(PHONE_NUMBER_ID, 'image/jpeg', PHOTO);
      const batch = messagesNotification(
        textMessage('wamid.text-1', now, 'Ciao, il pacco è arrivato rotto'),
        message('wamid.photo-2', now + 1, 'image', {
          image: { id: photo, mime_type: 'image/jpeg', sha256: 'x' },
        }),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      // Meta delivers again what it is not sure arrived: stored once.
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      await eventually(async () => (await theSession()).transcript.length === 2, 10_000);

      const session = await theSession();
      expect(session.contact).to.deep.include({ id: WA_ID, channel: 'whatsapp' });
      expect(session.channelSessionId).to.equal(CONVERSATION_ID);
      const [text, picture] = session.transcript;
      expect(text?.text).to.equal('Ciao, il pacco è arrivato rotto');
      const link = picture?.attachments[0]?.url ?? '';
      expect(link.startsWith(`${h.server.webhookUrl}/media?token=`)).to.equal(true);
      for (const token of Object.values(NUMBER_TOKENS)) expect(link).to.not.contain(token);
      const download = await request(link);
      expect(download.statusCode).to.equal(200);
      expect(Buffer.from(await download.body.arrayBuffer()).equals(PHOTO)).to.equal(true);

      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, {
        text: 'Mi dispiace! Ecco l’etichetta per il reso.',
        attachments: [
          {
            name: 'label.pdf',
            contentType: 'application/pdf',
            size: 2048,
            url: 'https://tvox.example.com/files/label.pdf',
          },
        ],
      });
      await eventually(
        () => h.graph.delivered(CONVERSATION_ID).some((d) => d.kind === 'file'),
        10_000,
      );
      const delivered = h.graph.delivered(CONVERSATION_ID);
      expect(
        delivered.some((d) => d.kind === 'text' && d.text.includes('Giulia Bianchi')),
        'the agent-joined notice',
      ).to.equal(true);
      // No captions: the text goes first, then the file by link.
      expect(delivered.slice(-2)).to.deep.equal([
        { kind: 'text', text: 'Mi dispiace! Ecco l’etichetta per il reso.', quickReplies: [] },
        { kind: 'file', url: 'https://tvox.example.com/files/label.pdf', quickReplies: [] },
      ]);
      const document = h.graph.accepted.at(-1)?.body.document;
      expect(document).to.deep.equal({
        link: 'https://tvox.example.com/files/label.pdf',
        filename: 'label.pdf',
      });

      // The agent answered: the customer's latest message shows as read on their phone.
      expect(h.graph.reads).to.deep.equal(['wamid.photo-2']);

      // The customer taps a button: its title reaches the agent.
      const tap = messagesNotification(
        message('wamid.tap-3', now + 5, 'interactive', {
          interactive: { type: 'button_reply', button_reply: { id: 'refund', title: 'Rimborso' } },
        }),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, tap)).to.equal(200);
      await eventually(
        async () => (await theSession()).transcript.some((m) => m.text === 'Rimborso'),
        10_000,
      );

      await eventually(async () => (await outbound()).every((m) => m.state === 'sent'), 10_000);
      const ids = (await outbound()).flatMap((m) => m.networkMessageIds);
      const statuses = (state: 'delivered' | 'read') =>
        statusNotification(...ids.map((id) => status(id, state, seconds(Date.now()))));
      expect(await h.graph.deliver(h.server.webhookUrl, statuses('delivered'))).to.equal(200);
      expect((await outbound()).map((m) => m.state)).to.deep.equal(ids.map(() => 'delivered'));
      expect(await h.graph.deliver(h.server.webhookUrl, statuses('read'))).to.equal(200);
      expect((await outbound()).map((m) => m.state)).to.deep.equal(ids.map(() => 'read'));
    });

    it('routes a second number’s conversation to its own service, and answers from that number', async () => {
      h = await new WhatsAppHarness(transport).start();
      const body = notification(
        value(
          {
            messages: [
              textMessage('wamid.sales', seconds(Date.now()), 'Un preventivo?', '447700900123'),
            ],
          },
          OTHER_PHONE_NUMBER_ID,
        ),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      expect(session.serviceCode).to.equal('SALES');
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, { text: 'Certo!' });
      const conversation = `${OTHER_PHONE_NUMBER_ID}-447700900123`;
      await eventually(
        () => h.graph.delivered(conversation).some((d) => d.kind === 'text' && d.text === 'Certo!'),
        10_000,
      );
      const posts = h.graph.calls.filter((c) => c.method === 'POST');
      expect(posts.every((c) => c.path === `/v21.0/${OTHER_PHONE_NUMBER_ID}/messages`)).to.equal(
        true,
      );
      expect(
        posts.every(
          (c) => c.headers.authorization === `Bearer ${NUMBER_TOKENS[OTHER_PHONE_NUMBER_ID]}`,
        ),
      ).to.equal(true);
    });

    it('sends the service’s template once the 24-hour window is closed, and records the reply failed, saying why', async () => {
      h = await new WhatsAppHarness(transport, {
        windowTemplates: { SUPPORT: { '*': { name: 'reply_waiting', language: 'it' } } },
      }).start();
      // The customer wrote 25 hours ago (WhatsApp's time); the connector hears of it only now.
      const body = messagesNotification(
        textMessage('wamid.old', seconds(Date.now() - 25 * 3600 * 1000), 'C’è nessuno?'),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, {
        text: 'Eccomi, scusa il ritardo',
      });
      await eventually(
        async () => (await outbound()).filter((m) => m.state === 'failed').length >= 2,
        10_000,
      );
      for (const failed of (await outbound()).filter((m) => m.state === 'failed')) {
        expect(failed.failure?.message).to.match(/more than 24 hours ago/);
      }
      const delivered = h.graph.delivered(CONVERSATION_ID);
      expect(delivered, 'one template, and nothing else').to.deep.equal([
        { kind: 'text', text: 'template:reply_waiting', quickReplies: [] },
      ]);
    });
  });
}
