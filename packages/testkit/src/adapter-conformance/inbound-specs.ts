import { expect } from 'chai';
import type { AdapterHarness } from './harness.js';
import { CONFORMANCE_CHANNEL } from './harness.js';
import type { ConformanceNetwork } from './options.js';

/** Bodies that no network's adapter may accept. */
const NOT_A_PAYLOAD = ['{not json', '\u0000\u0001\u0002 binary', '<html>502 Bad Gateway</html>'];

/** A moment on a whole second, as networks timestamp messages. */
const T0 = new Date('2026-03-02T09:30:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Webhooks: signatures, bad bodies, duplicates, reordering, unsupported content. */
export function inboundSpecs<N extends ConformanceNetwork>(h: AdapterHarness<N>): void {
  describe('inbound webhooks', () => {
    it('accepts a signed text message, answered 2xx once stored, with its conversation, text and send time', async () => {
      const body = h.fixtures.textMessage({ id: 1, text: 'Hello, my order is late', sentAt: T0 });
      const posted = await h.postTimed(body);
      expect(posted.status).to.be.within(200, 299);
      expect(h.sink.messages).to.have.length(1);
      const [message] = h.sink.messages;
      expect(message?.conversation).to.deep.equal({
        channel: CONFORMANCE_CHANNEL,
        id: h.fixtures.conversationId,
      });
      expect(message?.text).to.equal('Hello, my order is late');
      h.expectSentAt(message, T0, posted);
    });

    it('refuses a forged or unsigned webhook with 401, storing nothing', async () => {
      const body = h.fixtures.textMessage({ id: 1, text: 'forged', sentAt: T0 });
      expect(await h.post(body, h.fixtures.forge(Buffer.from(body)))).to.equal(401);
      expect(await h.post(body, {})).to.equal(401);
      expect(h.sink.empty).to.equal(true);
    });

    it('refuses malformed bodies with 400, storing nothing', async () => {
      for (const body of [...NOT_A_PAYLOAD, ...(h.fixtures.malformed ?? [])]) {
        expect(await h.postSigned(body), JSON.stringify(body)).to.equal(400);
      }
      expect(h.sink.empty).to.equal(true);
    });

    it('refuses a body over the size limit with 413, storing nothing', async () => {
      const limit = h.options.bodyLimitBytes ?? 1024 * 1024;
      const body = h.fixtures.textMessage({ id: 1, text: 'x'.repeat(limit), sentAt: T0 });
      expect(await h.postSigned(body)).to.equal(413);
      expect(h.sink.empty).to.equal(true);
    });

    it('stores a message delivered several times once', async () => {
      const body = h.fixtures.textMessage({ id: 1, text: 'only once', sentAt: T0 });
      const statuses = await Promise.all([h.postSigned(body), h.postSigned(body)]);
      statuses.push(await h.postSigned(body));
      for (const status of statuses) expect(status).to.be.within(200, 299);
      expect(h.sink.messages.map((m) => m.text)).to.deep.equal(['only once']);
    });

    it('keeps both messages of reordered deliveries, each with its own id and send time', async () => {
      const second = h.fixtures.textMessage({ id: 2, text: 'second', sentAt: at(5) });
      const first = h.fixtures.textMessage({ id: 1, text: 'first', sentAt: at(0) });
      const secondPosted = await h.postTimed(second);
      const firstPosted = await h.postTimed(first);
      expect(secondPosted.status).to.be.within(200, 299);
      expect(firstPosted.status).to.be.within(200, 299);
      const [late, early] = h.sink.messages;
      expect([late?.text, early?.text]).to.deep.equal(['second', 'first']);
      expect(late?.networkMessageId).to.not.equal(early?.networkMessageId);
      h.expectSentAt(early, at(0), firstPosted);
      h.expectSentAt(late, at(5), secondPosted);
    });

    it('answers unsupported content 200 and stores nothing', async () => {
      expect(
        h.fixtures.unsupported.length,
        'fixtures.unsupported lists one body at least',
      ).to.be.greaterThan(0);
      for (const { title, body } of h.fixtures.unsupported) {
        expect(await h.postSigned(body), title).to.equal(200);
      }
      expect(h.sink.messages).to.deep.equal([]);
    });
  });
}
