import { expect } from 'chai';
import { eventually } from '@tvox-connector/testkit';
import { UnavailableError, noopMetrics, silentLogger, webhookEndpoint } from '@tvox-connector/core';
import { AGENT, RelayHarness } from './support/relay-harness';

describe('relay (SQLite store, REST transport, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;

  beforeEach(async () => {
    h = await new RelayHarness().start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const say = (chat: string, id: string, text: string, locale?: string) =>
    h.relay.accept([
      h.channel.message({ id, chat, from: `u-${chat}`, text, ...(locale ? { locale } : {}) }),
    ]);

  it('relays a conversation both ways, with the lifecycle told to the customer', async () => {
    await say('chat-1', '1', 'Hello, my order is late', 'it');
    await say('chat-1', '2', 'Order 1234');
    await eventually(async () => (await h.receivedByTvox('chat-1')).length === 2);
    expect(await h.receivedByTvox('chat-1')).to.deep.equal([
      'Hello, my order is late',
      'Order 1234',
    ]);
    await eventually(() => h.channel.textsTo('chat-1').length === 1);
    expect(h.channel.textsTo('chat-1')[0]).to.match(/^Grazie/);

    await h.simulator.client.login(AGENT);
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    await h.simulator.client.accept(AGENT, session!.sessionId);
    await h.simulator.client.reply(AGENT, session!.sessionId, { text: 'It ships today.' });
    await h.simulator.client.closeSession(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('chat-1').length === 4);
    expect(h.channel.textsTo('chat-1').slice(1)).to.deep.equal([
      'Giulia Bianchi è entrato nella conversazione.',
      'It ships today.',
      'La conversazione è stata chiusa. Scrivici di nuovo quando vuoi per iniziarne una nuova.',
    ]);

    await say('chat-1', '3', 'One more thing');
    await eventually(
      async () => (await h.simulator.client.sessions({ connector: 'CONN' })).length === 2,
    );
    // The new session exists at TVox as soon as it is opened; the message goes in right after.
    await eventually(async () => (await h.receivedByTvox('chat-1')).length === 3);
    const states = async (): Promise<string[]> =>
      (
        await h.relay.messages({
          conversation: { channel: 'fake', id: 'chat-1' },
          direction: 'inbound',
        })
      ).map((m) => m.state);
    await eventually(async () => (await states()).every((state) => state === 'sent'));
    expect(await states()).to.deep.equal(['sent', 'sent', 'sent']);
  });

  it('stores a message delivered twice by the network once', async () => {
    await Promise.all([say('dup', '7', 'once'), say('dup', '7', 'once')]);
    await say('dup', '7', 'once');
    await eventually(async () => (await h.receivedByTvox('dup')).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await h.receivedByTvox('dup')).to.deep.equal(['once']);
  });

  it('delivers everything after a TVox outage, in order, nothing doubled', async () => {
    await h.simulator.client.injectFaults({ outage: { seconds: 1 } });
    const chats = ['o1', 'o2', 'o3'];
    for (let i = 0; i < 8; i++)
      for (const chat of chats) await say(chat, `${chat}-${i}`, `message ${i}`);
    await eventually(async () => {
      const counts = await Promise.all(chats.map((c) => h.receivedByTvox(c)));
      return counts.every((c) => c.length === 8);
    }, 15_000);
    for (const chat of chats) {
      expect(await h.receivedByTvox(chat)).to.deep.equal(
        Array.from({ length: 8 }, (_, i) => `message ${i}`),
      );
    }
  });

  it('retries the network on 5xx and 429 (after its retry-after), keeping the order', async () => {
    await h.simulator.client.login(AGENT);
    await say('n1', '1', 'hi');
    await eventually(
      async () => (await h.simulator.client.sessions({ status: 'BOOKED' })).length === 1,
    );
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    await h.simulator.client.accept(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('n1').length === 2);
    h.channel.failNext({ status: 500 }, { status: 429, retryAfterMs: 150 });
    for (const text of ['one', 'two', 'three'])
      await h.simulator.client.reply(AGENT, session!.sessionId, { text });
    await eventually(() => h.channel.textsTo('n1').length === 5, 10_000);
    expect(h.channel.textsTo('n1').slice(2)).to.deep.equal(['one', 'two', 'three']);
  });

  it('splits a long agent message and, when a later part fails, resends only that part', async () => {
    await h.simulator.client.login(AGENT);
    await say('long', '1', 'hi');
    await eventually(
      async () => (await h.simulator.client.sessions({ status: 'BOOKED' })).length === 1,
    );
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    await h.simulator.client.accept(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('long').length === 2);
    h.channel.failNext({ status: 200 }, { status: 500 });
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`);
    await h.simulator.client.reply(AGENT, session!.sessionId, { text: words.join(' ') });
    const delivered = () => h.channel.textsTo('long').slice(2);
    await eventually(() => delivered().join('').length >= words.join(' ').length, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const parts = delivered();
    expect(parts.length).to.be.greaterThan(1);
    expect(parts.every((p) => p.length <= 1000)).to.equal(true);
    expect(parts.join('')).to.equal(words.join(' '));
  });

  it('dead-letters a message the network refuses for good, and replays it on demand', async () => {
    await h.simulator.client.login(AGENT);
    await say('p1', '1', 'hi');
    await eventually(
      async () => (await h.simulator.client.sessions({ status: 'BOOKED' })).length === 1,
    );
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    await h.simulator.client.accept(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('p1').length === 2);
    h.channel.failNext({ status: 403 });
    await h.simulator.client.reply(AGENT, session!.sessionId, { text: 'are you there?' });
    await eventually(async () => (await h.relay.deadLetters()).length === 1);
    const [dead] = await h.relay.deadLetters();
    expect(dead?.failure.code).to.equal('TVOX_ERR_NETWORK_API');
    const failed = await h.relay.messages({
      conversation: { channel: 'fake', id: 'p1' },
      state: 'failed',
    });
    expect(failed).to.have.length(1);
    expect(await h.relay.replay()).to.equal(1);
    await eventually(() => h.channel.textsTo('p1').includes('are you there?'));
    expect(await h.relay.deadLetters()).to.deep.equal([]);
  });

  it('opens a new session and resends when TVox no longer knows the session', async () => {
    await say('g1', '1', 'first');
    await eventually(async () => (await h.receivedByTvox('g1')).length === 1);
    await h.simulator.client.reset();
    await say('g1', '2', 'second');
    await eventually(
      async () =>
        (await h.receivedByTvox('g1')).length === 1 &&
        (await h.receivedByTvox('g1'))[0] === 'second',
    );
    const sessions = await h.relay.messages({
      conversation: { channel: 'fake', id: 'g1' },
      direction: 'inbound',
    });
    expect(new Set(sessions.map((m) => m.sessionKey)).size).to.equal(2);
  });

  it('stops gracefully: refuses new messages with 503, and delivers what it held after a restart', async () => {
    await h.simulator.client.injectFaults({ outage: { seconds: 0.3 } });
    await say('s1', '1', 'accepted before the stop');
    await h.relay.stop();
    try {
      await say('s1', '2', 'refused');
      expect.fail('a stopped relay accepts nothing');
    } catch (error) {
      expect(error).to.be.instanceOf(UnavailableError);
    }
    await h.startRelay();
    await eventually(async () => (await h.receivedByTvox('s1')).length === 1);
    expect(await h.receivedByTvox('s1')).to.deep.equal(['accepted before the stop']);
  });

  it('answers webhooks only once stored: 401 bad token, 400 malformed, 200 ignored or accepted', async () => {
    const endpoint = webhookEndpoint(
      h.channel,
      h.relay,
      '/webhooks/fake',
      silentLogger,
      noopMetrics,
    );
    const post = (body: string, token = 'fake-token') =>
      endpoint.handle({
        method: 'POST',
        path: '/webhooks/fake',
        query: {},
        headers: { 'x-fake-token': token },
        rawBody: Buffer.from(body),
      });
    const update = JSON.stringify({ id: 'w1', chat: 'w', from: 'u', text: 'via webhook' });
    expect((await post(update, 'wrong')).status).to.equal(401);
    expect((await post('{not json')).status).to.equal(400);
    expect(
      (await post(JSON.stringify({ id: 'w0', chat: 'w', from: 'u', text: '' }))).status,
    ).to.equal(200);
    expect(
      (await h.relay.messages({ conversation: { channel: 'fake', id: 'w' } })).length,
    ).to.equal(0);
    expect((await post(update)).status).to.equal(200);
    expect(
      (await h.relay.messages({ conversation: { channel: 'fake', id: 'w' } })).length,
    ).to.equal(1);
  });
});
