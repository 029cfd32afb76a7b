import { expect } from 'chai';
import { eventually } from '@tvox-connector/testkit';
import { noopMetrics, type Metrics, type UnreadEventPayload } from '@tvox-connector/core';
import { withChatInSession } from './support/fake-tvox-relay';
import { RelayHarness } from './support/relay-harness';

const AUTH = { kind: 'basic', username: 'tvox', password: 'callback-password' } as const;

describe('TVox events that cannot be read (REST push, SQLite store, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;
  let unreadableCounted = 0;
  const metrics: Metrics = {
    ...noopMetrics,
    increment: (name, _labels, value = 1) => {
      if (name === 'tvox_events_unreadable_total') unreadableCounted += value;
    },
  };

  beforeEach(async () => {
    unreadableCounted = 0;
    h = await new RelayHarness(
      { mode: 'push', callbackUrl: 'http://127.0.0.1:9/tvox', auth: AUTH },
      { metrics },
    ).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  /** Pushes `events` (as TVox's JSON push carries them) to the connector's callback. */
  async function push(events: readonly unknown[]): Promise<number> {
    const callback = h.transport.callback;
    if (callback === undefined) throw new Error('the transport is in push mode');
    const answer = await callback.handle({
      method: 'POST',
      path: callback.path,
      query: {},
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`,
      },
      rawBody: Buffer.from(JSON.stringify({ connectorCode: 'CONN', events })),
    });
    return answer.status;
  }

  /** An agent message in the relay contract's wire form: the kind is its child element. */
  const agentMessage = (sequence: number, sessionId: string, text: string, agentCode = 'a1') => ({
    sequence,
    sessionId,
    at: '2026-01-01T00:00:00.000Z',
    agentMessage: { messageId: `m${sequence}`, text, ...(agentCode === '' ? {} : { agentCode }) },
  });

  it('applies the good events of a push, keeps the bad one as a dead letter, and replays it', async () => {
    await h.relay.accept([h.channel.message({ id: '1', chat: 'c1', from: 'u', text: 'hi' })]);
    let tvoxSessionId: string | undefined;
    await eventually(async () => {
      const [sent] = await h.relay.messages({ state: 'sent' });
      const key = sent?.sessionKey;
      tvoxSessionId =
        key === undefined ? undefined : (await h.store.getSession(key))?.tvoxSessionId;
      return tvoxSessionId !== undefined;
    });
    const id = tvoxSessionId ?? '';
    // Not an agent message the profile can read: no agent.
    const bad = agentMessage(1002, id, 'lost?', '');
    const status = await push([
      agentMessage(1001, id, 'one'),
      bad,
      agentMessage(1003, id, 'three'),
    ]);
    expect(status, 'the push is taken, so TVox does not send it again').to.equal(200);
    await eventually(() => h.channel.textsTo('c1').length === 2);
    expect(h.channel.textsTo('c1')).to.deep.equal(['one', 'three']);

    const [letter, ...others] = await h.relay.deadLetters();
    expect(others).to.deep.equal([]);
    const { unread } = letter?.job.payload as UnreadEventPayload;
    expect(unread.raw).to.deep.equal(JSON.parse(JSON.stringify(bad)));
    expect(unread.sequence).to.equal(1002);
    expect(letter?.failure.message).to.include(unread.reason);
    expect(unreadableCounted).to.equal(1);

    expect(await push([bad]), 'pushed again').to.equal(200);
    expect(await h.relay.deadLetters(), 'kept once').to.have.length(1);
    expect(unreadableCounted).to.equal(1);

    // The profile still cannot read it: the replay puts it back, with why.
    expect(await h.relay.replay()).to.equal(1);
    await eventually(async () => {
      const [again] = await h.relay.deadLetters();
      return again !== undefined && again.job.id !== letter?.job.id;
    });
    const [again] = await h.relay.deadLetters();
    expect((again?.job.payload as UnreadEventPayload).unread.raw).to.deep.equal(unread.raw);
    expect(again?.failure.code).to.equal('TVOX_ERR_INVALID_INPUT');
    expect(again?.failure.message).to.include('agentCode');
    expect(h.channel.textsTo('c1')).to.deep.equal(['one', 'three']);
  });
});

describe('replaying a TVox event set aside as unreadable', () => {
  it('reads it again with the profile loaded now and applies it, once', () =>
    withChatInSession(async ({ relay, tvox, channel, session }) => {
      tvox.agentWrites(session, 'ignored: only to learn the event shape');
      const [written] = tvox.takePending();
      if (written === undefined) throw new Error('the agent wrote one event');
      const raw = { ...written, text: 'read at last' };
      expect(
        await tvox.pushUnreadable({ raw, reason: 'an older profile', sequence: raw.sequence }),
      ).to.equal(true);
      await eventually(async () => (await relay.deadLetters()).length === 1);
      expect(channel.textsTo('a')).to.deep.equal([]);
      expect(await relay.replay()).to.equal(1);
      await eventually(() => channel.textsTo('a').length === 1);
      expect(channel.textsTo('a')).to.deep.equal(['read at last']);
      expect(await relay.deadLetters()).to.deep.equal([]);
      expect(await tvox.pushUnreadable({ raw, reason: 'again', sequence: raw.sequence })).to.equal(
        true,
      );
      expect(await relay.replay()).to.equal(1);
      await eventually(async () => (await relay.stats()).outbox.every((kind) => kind.depth === 0));
      expect(channel.textsTo('a'), 'its sequence was recorded: never applied twice').to.deep.equal([
        'read at last',
      ]);
    }));
});
