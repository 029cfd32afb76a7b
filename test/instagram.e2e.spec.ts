import { loadAdapterPackage } from '@tvox-connector/cli';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import {
  CONVERSATION_ID,
  IGSID,
  OTHER_ACCOUNT_ID,
  OTHER_PAGE_ID,
  OTHER_PAGE_TOKEN,
  SEND_TOKENS,
  accountNotification,
  attachmentEvent,
  entry,
  messageEvent,
  notification,
  reactionEvent,
  readEvent,
  textEvent,
} from '../adapters/instagram/test/support/instagram-fixtures';
import { AGENT, InstagramHarness } from './support/instagram-harness';

const PHOTO = Buffer.from('\x89PNG the scarf in the wrong colour', 'latin1');
const STORY = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17900011&signature=Zx';
const HOUR = 3600 * 1000;

describe('the instagram adapter in the connector', () => {
  it('is what `adapter: instagram` loads', () => {
    const loaded = loadAdapterPackage('instagram', __dirname);
    expect(loaded.network).to.equal('instagram');
  });
});

for (const transport of ['rest', 'soap'] as const) {
  describe(`Instagram end to end (relay mode, ${transport.toUpperCase()})`, function () {
    this.timeout(30_000);
    let h: InstagramHarness;

    beforeEach(async () => {
      h = await new InstagramHarness(transport).start();
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
        conversation: { channel: 'instagram', id: CONVERSATION_ID },
        direction: 'outbound',
      });

    it('brings text, photo and a story mention to an agent, the reply back, then the read and a reaction', async () => {
      const now = Date.now();
      const photoUrl = h.graph.addFile('ig_messaging_cdn/scarf.png?asset_id=9&signature=Q', PHOTO);
      const batch = accountNotification(
        now,
        textEvent({ timestamp: now }, 'aWdfZAG1text-1', 'La sciarpa è del colore sbagliato'),
        attachmentEvent({ timestamp: now + 1 }, 'aWdfZAG1photo-2', [
          { type: 'image', payload: { url: photoUrl } },
        ]),
        attachmentEvent({ timestamp: now + 2 }, 'aWdfZAG1mention-3', [
          { type: 'story_mention', payload: { url: STORY } },
        ]),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      // Meta delivers again what it is not sure arrived: stored once.
      expect(await h.graph.deliver(h.server.webhookUrl, batch)).to.equal(200);
      await eventually(async () => (await theSession()).transcript.length === 3, 10_000);

      const session = await theSession();
      expect(session.contact).to.deep.include({ id: IGSID, channel: 'instagram' });
      expect(session.channelSessionId).to.equal(CONVERSATION_ID);
      const [text, picture, mention] = session.transcript;
      expect(text?.text).to.equal('La sciarpa è del colore sbagliato');
      expect(mention?.text).to.equal(`Mentioned you in their story: ${STORY}`);
      const link = picture?.attachments[0]?.url ?? '';
      expect(link.startsWith(`${h.server.webhookUrl}/media?token=`)).to.equal(true);
      for (const token of Object.values(SEND_TOKENS)) expect(link).to.not.contain(token);
      const download = await request(link);
      expect(download.statusCode).to.equal(200);
      expect(Buffer.from(await download.body.arrayBuffer()).equals(PHOTO)).to.equal(true);

      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, {
        text: 'Ci scusi! Le mandiamo quella blu.',
        attachments: [
          {
            name: 'blu.jpg',
            contentType: 'image/jpeg',
            size: 2048,
            url: 'https://tvox.example.com/files/blu.jpg',
          },
        ],
      });
      await eventually(
        () => h.graph.delivered(CONVERSATION_ID).some((d) => d.kind === 'file'),
        10_000,
      );
      // No captions on Instagram: the text goes first, then the image by URL.
      expect(h.graph.delivered(CONVERSATION_ID).slice(-2)).to.deep.equal([
        { kind: 'text', text: 'Ci scusi! Le mandiamo quella blu.', quickReplies: [] },
        { kind: 'file', url: 'https://tvox.example.com/files/blu.jpg', quickReplies: [] },
      ]);

      await eventually(async () => (await outbound()).every((m) => m.state === 'sent'), 10_000);
      const sent = await outbound();
      const [newest] = sent.flatMap((m) => m.networkMessageIds);
      const readAt = Date.now() + 1000;
      const read = accountNotification(readAt, readEvent({ timestamp: readAt }, newest ?? ''));
      expect(await h.graph.deliver(h.server.webhookUrl, read)).to.equal(200);
      expect((await outbound()).map((m) => m.state)).to.deep.equal(sent.map(() => 'read'));

      const reaction = accountNotification(
        readAt,
        reactionEvent({ timestamp: readAt }, 'aWdfZAG1text-1', 'react', '😢'),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, reaction)).to.equal(200);
      await eventually(
        async () =>
          (await theSession()).transcript.some(
            (m) => m.text === 'reacted 😢 to: “La sciarpa è del colore sbagliato”',
          ),
        10_000,
      );
    });

    it('routes a second account’s conversation to its own service, and answers it through its Page', async () => {
      const now = Date.now();
      const body = notification(
        entry(OTHER_ACCOUNT_ID, now, [
          messageEvent({ accountId: OTHER_ACCOUNT_ID, igsid: '555000111', timestamp: now }, 'm_s', {
            text: 'Prezzo?',
            reply_to: { story: { url: STORY, id: '17900011' } },
          }),
        ]),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      expect(session.serviceCode).to.equal('SALES');
      const said = session.transcript[0]?.text ?? '';
      expect(said.startsWith('Prezzo?')).to.equal(true);
      expect(said.endsWith(`In reply to your story: ${STORY}`)).to.equal(true);
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, { text: '29 euro' });
      await eventually(
        () =>
          h.graph
            .delivered(`${OTHER_PAGE_ID}-555000111`)
            .some((d) => d.kind === 'text' && d.text === '29 euro'),
        10_000,
      );
      const calls = h.graph.calls.filter((c) => c.method === 'POST');
      expect(calls.every((c) => c.path === `/v21.0/${OTHER_PAGE_ID}/messages`)).to.equal(true);
      expect(calls.every((c) => c.headers.authorization === `Bearer ${OTHER_PAGE_TOKEN}`)).to.equal(
        true,
      );
    });

    it('records for good, saying why, a reply Instagram refuses as outside the 24-hour window', async () => {
      const now = Date.now();
      const body = accountNotification(
        now,
        textEvent({ timestamp: now }, 'm_old', 'C’è qualcuno?'),
      );
      expect(await h.graph.deliver(h.server.webhookUrl, body)).to.equal(200);
      await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
      const session = await theSession();
      h.graph.lastWrote.set(IGSID, now - 25 * HOUR);
      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, { text: 'Eccomi, scusi' });
      await eventually(async () => (await outbound()).some((m) => m.state === 'failed'), 10_000);
      for (const message of (await outbound()).filter((m) => m.state === 'failed'))
        expect(message.failure?.message).to.match(/more than 24 hours ago, and Instagram/);
      expect((await h.relay.deadLetters()).length).to.be.greaterThan(0);
    });
  });
}
