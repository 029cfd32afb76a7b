import { noopMetrics, type InboundActivity } from '@tvox-connector/core';
import { createMessengerAdapter } from '@tvox-connector/adapter-messenger';
import { loadAdapterPackage, webhookRoutes } from '@tvox-connector/cli';
import Fastify from 'fastify';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import {
  CONVERSATION_ID,
  OTHER_PAGE_ID,
  PAGE_TOKENS,
  PSID,
  VERIFY_TOKEN,
  attachmentEvent,
  deliveryEvent,
  entry,
  messengerSettings,
  notification,
  pageNotification,
  readEvent,
  signed,
  textEvent,
} from '../adapters/messenger/test/support/messenger-fixtures';
import { AGENT, MessengerHarness } from './support/messenger-harness';

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a JPEG of the broken parcel', 'latin1');
const HOUR = 3600 * 1000;

describe('the messenger adapter in the connector', () => {
  it('is what `adapter: messenger` loads', () => {
    const loaded = loadAdapterPackage('messenger', __dirname);
    expect(loaded.network).to.equal('messenger');
  });

  it('answers Meta’s handshake and takes signed notifications on the connector’s own server', async () => {
    const adapter = createMessengerAdapter({
      id: 'messenger',
      settings: messengerSettings(
        'http://127.0.0.1:9',
        'https://connector.example.com/webhooks/messenger',
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
        url: `/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      });
      expect(handshake.statusCode).to.equal(200);
      expect(handshake.headers['content-type']).to.match(/^text\/plain/);
      expect(handshake.body).to.equal('1158201444');
      const wrong = await app.inject({
        method: 'GET',
        url: '/webhooks/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
      });
      expect(wrong.statusCode).to.equal(401);
      // Escaped as Meta escapes: the signature holds only over these exact bytes.
      const at = { timestamp: 1_767_225_600_000 };
      const body = pageNotification(at.timestamp, textEvent(at, 'm_1', 'café / ok')).replace(
        'café / ok',
        'caf\\u00e9 \\/ ok',
      );
      const posted = await app.inject({
        method: 'POST',
        url: '/webhooks/messenger',
        headers: { 'content-type': 'application/json', ...signed(body) },
        payload: body,
      });
      expect(posted.statusCode).to.equal(200);
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
  describe(`Messenger end to end (relay mode, ${transport.toUpperCase()})`, function () {
    this.timeout(30_000);
    let h: MessengerHarness;

    beforeEach(async () => {
      h = await new MessengerHarness(transport).start();
    });
    afterEach(async () => {
      await h.stop();
    });

    const theSession = async () => {
      const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
      if (!session) return expect.fail('no session in TVox');
      return h.simulator.client.session(session.sessionId);
    };
    const outbound = () =>
      h.relay.messages({
        conversation: { channel: 'messenger', id: CONVERSATION_ID },
        direction: 'outbound',
      });

    it('brings a batch of the customer’s text and photo to an agent, the agent’s reply back, and Messenger’s receipts to the ledger', async () => {
      const now = Date.now();
      const photoUrl = h.graph.addFile('v/t1.15752-9/parcel.jpg?oh=00_AY&oe=67A1B2C3', PHOTO);
      const batch = pageNotification(
        now,
        textEvent({ timestamp: now }, 'm_text-1', 'Ciao, il pacco è arrivato rotto'),
        attachmentEvent({ timestamp: now + 1 }, 'm_photo-2', [
          { type: 'image', payload: { url: photoUrl } },
        ]),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      // Meta delivers again what it is not sure arrived: stored once.
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      await eventually(async () => (await theSession()).transcript.length === 2, 10_000);

      const session = await theSession();
      expect(session.contact).to.deep.include({ id: PSID, channel: 'messenger' });
      expect(session.channelSessionId).to.equal(CONVERSATION_ID);
      const [text, picture] = session.transcript;
      expect(text?.text).to.equal('Ciao, il pacco è arrivato rotto');
      const link = picture?.attachments[0]?.url ?? '';
      expect(link.startsWith(`${h.server.webhookUrl}/media?token=`)).to.equal(true);
      for (const token of Object.values(PAGE_TOKENS)) expect(link).to.not.contain(token);
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
      const texts = delivered.flatMap((d) => (d.kind === 'text' ? [d.text] : []));
      expect(
        texts.some((t) => t.includes('Giulia Bianchi')),
        'the agent-joined notice',
      ).to.equal(true);
      // No captions on Messenger: the text goes first, then the file by URL.
      expect(delivered.slice(-2)).to.deep.equal([
        { kind: 'text', text: 'Mi dispiace! Ecco l’etichetta per il reso.', quickReplies: [] },
        { kind: 'file', url: 'https://tvox.example.com/files/label.pdf', quickReplies: [] },
      ]);
      const inbound = await h.relay.messages({
        conversation: { channel: 'messenger', id: CONVERSATION_ID },
        direction: 'inbound',
      });
      expect(inbound.map((m) => m.state)).to.deep.equal(['sent', 'sent']);

      await eventually(async () => (await outbound()).every((m) => m.state === 'sent'), 10_000);
      const sent = await outbound();
      const mids = sent.flatMap((m) => m.networkMessageIds);
      const [newest] = mids;
      const delivery = pageNotification(
        Date.now(),
        deliveryEvent({ timestamp: Date.now() }, newest === undefined ? [] : [newest], Date.now()),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, delivery)).to.equal(200);
      expect(
        (await outbound()).find((m) => m.networkMessageIds.includes(newest ?? ''))?.state,
      ).to.equal('delivered');
      const read = pageNotification(
        Date.now() + 1000,
        readEvent({ timestamp: Date.now() + 1000 }, Date.now() + 1000),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, read)).to.equal(200);
      expect((await outbound()).map((m) => m.state)).to.deep.equal(sent.map(() => 'read'));
    });

    it('routes a second Page’s conversation to its own service, and answers it with that Page’s token', async () => {
      const now = Date.now();
      const body = notification(
        entry(OTHER_PAGE_ID, now, [
          textEvent(
            { pageId: OTHER_PAGE_ID, psid: '555000111', timestamp: now },
            'm_sales',
            'Un preventivo?',
          ),
        ]),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      expect(session.serviceCode).to.equal('SALES');
      expect(session.channelSessionId).to.equal(`${OTHER_PAGE_ID}-555000111`);
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, { text: 'Certo!' });
      await eventually(
        () =>
          h.graph
            .delivered(`${OTHER_PAGE_ID}-555000111`)
            .some((d) => d.kind === 'text' && d.text === 'Certo!'),
        10_000,
      );
      const calls = h.graph.calls.filter((c) => c.method === 'POST');
      expect(calls.every((c) => c.path === `/v21.0/${OTHER_PAGE_ID}/messages`)).to.equal(true);
      expect(
        calls.every((c) => c.headers.authorization === `Bearer ${PAGE_TOKENS[OTHER_PAGE_ID]}`),
      ).to.equal(true);
    });

    it('records for good, saying why, a reply Messenger refuses as outside the 24-hour window', async () => {
      const now = Date.now();
      const body = pageNotification(now, textEvent({ timestamp: now }, 'm_old', 'C’è nessuno?'));
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      // The customer's message is older than Messenger's window by the time the agent answers.
      h.graph.lastWrote.set(PSID, now - 25 * HOUR);
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, {
        text: 'Eccomi, scusa il ritardo',
      });
      await eventually(async () => (await outbound()).some((m) => m.state === 'failed'), 10_000);
      const failed = (await outbound()).filter((m) => m.state === 'failed');
      expect(failed.length).to.be.greaterThan(0);
      for (const message of failed)
        expect(message.failure?.message).to.match(/more than 24 hours ago/);
      const letters = await h.relay.deadLetters();
      expect(letters.length, 'set aside for someone to look at').to.be.greaterThan(0);
      const texts = h.graph
        .delivered(CONVERSATION_ID)
        .flatMap((d) => (d.kind === 'text' ? [d.text] : []));
      expect(texts).to.not.include('Eccomi, scusa il ritardo');
    });
  });
}
