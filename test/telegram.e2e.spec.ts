import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import type { Update } from 'grammy/types';
import { request } from 'undici';
import {
  BOT_TOKEN,
  CHAT_ID,
  SECRET_TOKEN,
  message,
  photo,
  update,
} from '../adapters/telegram/test/support/telegram-fixtures';
import { AGENT, TelegramHarness, type TelegramSetup } from './support/telegram-harness';

const SETUPS: readonly TelegramSetup[] = [
  { transport: 'rest', receive: 'webhook' },
  { transport: 'soap', receive: 'webhook' },
  { transport: 'rest', receive: 'polling' },
  { transport: 'soap', receive: 'polling' },
];

const PHOTO_BYTES = Buffer.from('\xff\xd8\xff\xe0 a JPEG of the broken parcel', 'latin1');

for (const setup of SETUPS) {
  describe(`Telegram end to end (${setup.receive}, ${setup.transport.toUpperCase()})`, function () {
    this.timeout(30_000);
    let h: TelegramHarness;

    beforeEach(async () => {
      h = await new TelegramHarness(setup).start();
      h.api.addFile('AgAD-large', { path: 'photos/file_42.jpg', bytes: PHOTO_BYTES });
    });

    afterEach(async () => {
      await h.stop();
    });

    /** The customer writes: Telegram calls the webhook, or queues the update for getUpdates. */
    const customerSends = async (carried: Update) => {
      if (setup.receive === 'webhook') {
        expect(await h.api.deliver(h.server.webhookUrl, carried, SECRET_TOKEN)).to.equal(200);
      } else {
        h.api.queueUpdate(carried);
      }
    };
    const theSession = async () => {
      const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
      if (!session) return expect.fail('no session in TVox');
      return h.simulator.client.session(session.sessionId);
    };

    it('brings the customer’s text and photo to an agent, and the agent’s reply and photo to the customer', async () => {
      await customerSends(update(1, message(10, { text: 'Ciao, il pacco è arrivato rotto' })));
      await customerSends(update(2, photo(11, 'ecco la foto')));
      await eventually(async () => {
        const sessions = await h.simulator.client.sessions({ connector: 'CONN' });
        return sessions[0]?.transcript.length === 2;
      }, 10_000);

      const session = await theSession();
      expect(session.contact).to.deep.include({
        id: CHAT_ID,
        channel: 'telegram',
        displayName: 'Maria Rossi',
        locale: 'it',
      });
      expect(session.channelSessionId).to.equal(CHAT_ID);
      const [text, picture] = session.transcript;
      expect(text?.text).to.equal('Ciao, il pacco è arrivato rotto');
      expect(picture?.text).to.equal('ecco la foto');
      const attachment = picture?.attachments[0];
      expect(attachment).to.deep.include({ name: 'photo-AQAD-l.jpg', contentType: 'image/jpeg' });
      const link = attachment?.url ?? '';
      expect(link.startsWith(`${h.server.webhookUrl}/file?token=`)).to.equal(true);
      expect(link).to.not.contain(BOT_TOKEN);
      const download = await request(link);
      expect(download.statusCode).to.equal(200);
      expect(Buffer.from(await download.body.arrayBuffer()).equals(PHOTO_BYTES)).to.equal(true);

      await h.simulator.client.login(AGENT);
      await h.simulator.client.accept(AGENT, session.sessionId);
      await h.simulator.client.reply(AGENT, session.sessionId, {
        text: 'Mi dispiace! Ecco l’etichetta per il reso.',
        attachments: [
          {
            name: 'label.jpg',
            contentType: 'image/jpeg',
            size: 2048,
            url: 'https://tvox.example.com/files/label.jpg',
          },
        ],
      });
      await eventually(() => h.api.callsOf('sendPhoto').length === 1, 10_000);
      const delivered = h.api.delivered(CHAT_ID);
      const texts = delivered.flatMap((d) => (d.kind === 'text' ? [d.text] : []));
      expect(texts).to.include('Giulia Bianchi è entrato nella conversazione.');
      // The agent's text goes with the photo, as its caption: one Bot API call.
      expect(delivered.at(-1)).to.deep.equal({
        kind: 'file',
        url: 'https://tvox.example.com/files/label.jpg',
        caption: 'Mi dispiace! Ecco l’etichetta per il reso.',
        quickReplies: [],
      });
      const ledger = await h.relay.messages({
        conversation: { channel: 'telegram', id: CHAT_ID },
        direction: 'inbound',
      });
      expect(ledger.map((m) => m.state)).to.deep.equal(['sent', 'sent']);
    });

    if (setup.receive === 'polling') {
      it('resumes polling after a restart from the offset in the store: nothing lost, nothing twice', async () => {
        await customerSends(update(1, message(10, { text: 'before the restart' })));
        await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
        await eventually(() => h.api.offsets.includes(2));
        await h.relay.stop();
        await customerSends(update(2, message(11, { text: 'while stopped' })));
        const polledBefore = h.api.offsets.length;
        await h.startRelay();
        await eventually(async () => (await theSession()).transcript.length === 2, 10_000);
        expect(h.api.offsets[polledBefore]).to.equal(2);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await theSession()).transcript.map((t) => t.text)).to.deep.equal([
          'before the restart',
          'while stopped',
        ]);
      });

      it('fails readiness on the channel alone once Telegram no longer takes the bot token', async () => {
        await customerSends(update(1, message(10, { text: 'before the token was revoked' })));
        await eventually(async () => (await h.simulator.client.sessions({})).length === 1, 10_000);
        h.api.revokeToken();
        const channel = async () =>
          (await h.relay.readiness()).find((check) => check.name === 'channel telegram');
        await eventually(async () => (await channel())?.ok === false);
        expect((await channel())?.detail).to.match(/^long polling stopped: Telegram refused/);
        const others = (await h.relay.readiness()).filter((c) => c.name !== 'channel telegram');
        expect(others.map((check) => [check.name, check.ok])).to.deep.equal([
          ['store', true],
          ['tvox', true],
          ['adapters', true],
        ]);
      });
    }
  });
}
