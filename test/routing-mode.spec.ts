/**
 * Routing mode against the simulator speaking the documented MCC (`mcc-1.0`): the customer's
 * messages stay with the connector, TVox gets a session (`startSession`) on the channel's TVox
 * channel with the desk's link of the session as its data and never a message text.
 */
import { expect } from 'chai';
import { eventually } from '@tvox-connector/testkit';
import type { InboundMessage } from '@tvox-connector/core';
import { AGENT, CHANNEL, DESK_URL, RelayHarness } from './support/relay-harness';

/** Statuses asked every few milliseconds, so that the test does not wait. */
const FAST_FOLLOWING = {
  waitingIntervalMs: 20,
  assignedIntervalMs: 40,
  reopenIfActiveWithinMs: 60_000,
};

describe('routing mode (mcc-1.0 simulator, SQLite store, REST transport)', function () {
  this.timeout(30_000);
  let h: RelayHarness;

  beforeEach(async () => {
    h = await new RelayHarness(
      undefined,
      {},
      {},
      { routing: { maxCallsPerSecond: 500, status: FAST_FOLLOWING } },
    ).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const conversation = (chat: string) => ({ channel: CHANNEL, id: chat });
  const say = (
    chat: string,
    id: string,
    text: string,
    sender: Partial<InboundMessage['sender']> = {},
  ) => {
    const message = h.channel.message({ id, chat, from: `u-${chat}`, text });
    return h.relay.accept([{ ...message, sender: { ...message.sender, ...sender } }]);
  };
  const inboundLedger = (chat: string) =>
    h.relay.messages({ conversation: conversation(chat), direction: 'inbound' });

  it('starts a session with the desk link as its data and no text; the messages wait in the ledger as sent', async () => {
    await say('r1', '1', 'Hello, my order is late');
    await say('r1', '2', 'Order 1234');
    await eventually(async () => (await inboundLedger('r1')).every((m) => m.state === 'sent'));
    const ledger = await inboundLedger('r1');
    expect(ledger).to.have.length(2);
    const sessionKey = ledger[0]!.sessionKey!;
    expect(ledger[1]!.sessionKey).to.equal(sessionKey);

    const sessions = await h.simulator.client.sessions({ connector: 'CONN' });
    expect(sessions, 'one session for the conversation').to.have.length(1);
    const [session] = sessions;
    expect(session).to.deep.include({
      sessionId: sessionKey,
      serviceCode: 'SUPPORT',
      channelData: `${DESK_URL}/sessions/${sessionKey}`,
      subject: `${CHANNEL} · Customer u-r1`,
    });
    expect(session!.routing?.channelId).to.equal(1);
    expect(session!.transcript, 'no message text went to TVox').to.deep.equal([]);
    const stored = await h.store.getSession(sessionKey);
    expect(stored?.state.mode).to.equal('routing');
  });

  it('sends a contact value only where the adapter set one, never the network user id', async () => {
    await say('r2', '1', 'no contact value');
    await say('r3', '1', 'with a number', { contactValue: '+390612345678' });
    await eventually(async () =>
      [...(await inboundLedger('r2')), ...(await inboundLedger('r3'))].every(
        (m) => m.state === 'sent',
      ),
    );
    const sessions = await h.simulator.client.sessions({ connector: 'CONN' });
    const routing = sessions.map((s) => s.routing?.contactValue);
    expect(routing).to.have.members([undefined, '+390612345678']);
  });

  it('follows the session by its status: the customer hears of the queue, of the agent joining, of the close', async () => {
    await say('r4', '1', 'Hello');
    await eventually(() => h.channel.textsTo('r4').length === 1);
    expect(h.channel.textsTo('r4')[0]).to.match(/You are in the queue/);
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    await h.simulator.client.login(AGENT);
    await eventually(
      async () => (await h.store.getSession(session!.sessionId))?.state.status === 'BOOKED',
    );
    await h.simulator.client.accept(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('r4').length === 2);
    expect(h.channel.textsTo('r4')[1]).to.equal('An agent has joined the conversation.');
    const assigned = await h.store.getSession(session!.sessionId);
    expect(assigned?.state).to.deep.include({ status: 'ASSIGNED', agent: { code: AGENT } });

    await h.simulator.client.closeSession(AGENT, session!.sessionId);
    await eventually(() => h.channel.textsTo('r4').length === 3);
    expect(h.channel.textsTo('r4')[2]).to.match(/The conversation has been closed/);
    expect((await h.store.getSession(session!.sessionId))?.state.status).to.equal('CLOSED');
    expect(session!.transcript, 'TVox never saw a text').to.deep.equal([]);
  });

  it('says in readiness, without failing it, when session statuses cannot be asked', async () => {
    const line = async () =>
      (await h.relay.readiness()).find((check) => check.name === 'tvox status following');
    expect(await line()).to.deep.equal({ name: 'tvox status following', ok: true, advisory: true });
    await say('r6', '1', 'Hello');
    await eventually(async () => (await inboundLedger('r6'))[0]?.state === 'sent');
    await h.simulator.client.injectFaults({ outage: { seconds: 1 } });
    await eventually(async () => (await line())?.ok === false);
    expect((await line())?.detail).to.match(/^status queries failing: /);
    await eventually(async () => (await line())?.ok === true, 10_000);
  });

  it('sends the contact TVox answered again with the conversation’s next session', async () => {
    await say('r5', '1', 'first', { contactValue: '+390699999999' });
    await eventually(async () => (await inboundLedger('r5'))[0]?.state === 'sent');
    const [first] = await h.simulator.client.sessions({ connector: 'CONN' });
    const contactId = first!.routing!.contactId;
    expect(contactId).to.be.a('string');
    await h.simulator.client.login(AGENT);
    await h.simulator.client.accept(AGENT, first!.sessionId).catch(() => undefined);
    await eventually(
      async () => (await h.simulator.client.session(first!.sessionId)).status !== 'QUEUED',
    );
    await h.simulator.client.closeSession(AGENT, first!.sessionId);
    await eventually(async () => (await h.store.findOpenSession(conversation('r5'))) === undefined);

    // Without a value this time: only the contact id kept from the first answer can name them.
    await say('r5', '2', 'second');
    await eventually(
      async () => (await h.simulator.client.sessions({ connector: 'CONN' })).length === 2,
    );
    const second = (await h.simulator.client.sessions({ connector: 'CONN' })).find(
      (s) => s.sessionId !== first!.sessionId,
    );
    expect(second!.routing?.contactId).to.equal(contactId);
  });
});

describe('routing mode after TVox lost its sessions (UNKNOW)', function () {
  this.timeout(30_000);
  /** How recent a customer's message must be for their session to be reopened quietly. */
  const RECENT_MS = 1_500;
  let h: RelayHarness;

  beforeEach(async () => {
    h = await new RelayHarness(
      undefined,
      {},
      {},
      {
        routing: {
          maxCallsPerSecond: 500,
          status: { ...FAST_FOLLOWING, reopenIfActiveWithinMs: RECENT_MS },
        },
      },
    ).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const say = (chat: string, id: string, text: string) =>
    h.relay.accept([h.channel.message({ id, chat, from: `u-${chat}`, text })]);

  it('reopens quietly the sessions with recent activity and closes the others with a notice', async () => {
    await say('idle', '1', 'written a while ago');
    await eventually(() => h.channel.textsTo('idle').length === 1);
    const since = Date.now();
    // Only waits for the idle customer's message to be older than the reopening window.
    await eventually(() => Date.now() - since > RECENT_MS, RECENT_MS * 3);
    await say('busy', '1', 'written just now');
    await eventually(() => h.channel.textsTo('busy').length === 1);
    const before = await h.simulator.client.sessions({ connector: 'CONN' });
    const busyBefore = (await h.store.findOpenSession({ channel: CHANNEL, id: 'busy' }))!;

    // TVox restarts and forgets every session: it answers UNKNOW for them.
    await h.simulator.client.reset();

    await eventually(() => h.channel.textsTo('idle').length === 2);
    expect(h.channel.textsTo('idle')[1]).to.match(/The conversation has been closed/);
    await eventually(async () => {
      const open = await h.store.findOpenSession({ channel: CHANNEL, id: 'busy' });
      return (
        open !== undefined &&
        open.sessionKey !== busyBefore.sessionKey &&
        open.tvoxSessionId !== undefined
      );
    });
    const reopened = (await h.simulator.client.sessions({ connector: 'CONN' })).map(
      (s) => s.sessionId,
    );
    expect(reopened, 'one new session in TVox, for the busy customer').to.have.length(1);
    expect(before.map((s) => s.sessionId)).to.not.include(reopened[0]);
    expect((await h.store.getSession(busyBefore.sessionKey))?.state.status).to.equal('CLOSED');
    // Quiet: the next thing the busy customer hears is the agent joining, nothing before it.
    await h.simulator.client.login(AGENT);
    await eventually(
      async () => (await h.simulator.client.session(reopened[0]!)).status === 'BOOKED',
    );
    await h.simulator.client.accept(AGENT, reopened[0]!);
    await eventually(() => h.channel.textsTo('busy').length >= 2);
    expect(h.channel.textsTo('busy').slice(1)).to.deep.equal([
      'An agent has joined the conversation.',
    ]);
  });
});

describe('routing mode under a ceiling of calls per second', function () {
  this.timeout(30_000);
  /** Calls per second, and the burst the bucket lets go at once. */
  const RATE = 10;
  /** New sessions beyond the burst. */
  const BEYOND = 15;
  let h: RelayHarness;

  beforeEach(async () => {
    h = await new RelayHarness(
      undefined,
      {},
      {},
      { routing: { maxCallsPerSecond: RATE, status: FAST_FOLLOWING } },
    ).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('spaces a burst of new sessions at the ceiling, beyond the calls it lets go at once', async () => {
    const chats = Array.from({ length: RATE + BEYOND }, (_, i) => `burst-${i}`);
    await h.relay.accept(
      chats.map((chat) => h.channel.message({ id: '1', chat, from: `u-${chat}`, text: 'hi' })),
    );
    await eventually(
      async () =>
        (await h.simulator.client.sessions({ connector: 'CONN' })).length === chats.length,
      15_000,
    );
    const created = (await h.simulator.client.sessions({ connector: 'CONN' }))
      .map((s) => Date.parse(s.createdAt))
      .sort((a, b) => a - b);
    // Those beyond the burst wait for tokens refilled at RATE a second: 1.5 s at least (the same
    // sessions open in a few hundred milliseconds without the ceiling).
    expect(created.at(-1)! - created[0]!).to.be.at.least((BEYOND / RATE) * 1000 - 50);
  });
});
