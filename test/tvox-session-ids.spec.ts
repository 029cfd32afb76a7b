import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Relay, RelayConfig, Store } from '@tvox-connector/core';
import { eventually } from '@tvox-connector/testkit';
import { FakeChannel } from './support/fake-channel';
import { FakeTvox, type FakeSession } from './support/fake-tvox';
import { startRelay } from './support/fake-tvox-relay';

/** A relay between a fake TVox and a fake network, on a SQLite file of its own. */
interface Setup {
  readonly tvox: FakeTvox;
  readonly channel: FakeChannel;
  readonly relay: Relay;
  readonly store: Store;
  /** The customer of `chat` writes `text`. */
  readonly say: (chat: string, text: string) => Promise<void>;
  /** TVox's live session of `chat`, once it has `text` from the customer. */
  readonly sessionWith: (chat: string, text: string) => Promise<FakeSession>;
}

async function withRelay(
  body: (setup: Setup) => Promise<void>,
  relaySettings: Partial<RelayConfig> = {},
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'tvox-ids-'));
  const tvox = new FakeTvox();
  const channel = new FakeChannel('fake');
  const { relay, store } = await startRelay(tvox, channel, folder, relaySettings);
  let counter = 0;
  const setup: Setup = {
    tvox,
    channel,
    relay,
    store,
    say: async (chat, text) => {
      await relay.accept([channel.message({ id: `${chat}-${++counter}`, chat, from: chat, text })]);
    },
    sessionWith: async (chat, text) => {
      let found: FakeSession | undefined;
      await eventually(() => {
        found = tvox.liveSessionOf(chat);
        return found?.received.some((m) => m.text === text) === true;
      });
      if (found === undefined) throw new Error(`TVox has ${chat}'s session`);
      return found;
    },
  };
  try {
    await body(setup);
  } finally {
    await relay.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('TVox session ids: restarts that reuse them, refusals, sessions that never open', function () {
  this.timeout(30_000);

  it("keeps each chat's messages to itself when TVox restarts empty and gives their ids crosswise", () =>
    withRelay(async ({ tvox, channel, store, say, sessionWith }) => {
      await say('a', 'a1');
      const a1 = await sessionWith('a', 'a1');
      await say('b', 'b1');
      const b1 = await sessionWith('b', 'b1');
      tvox.agentWrites(a1, 'to a, before');
      tvox.agentWrites(b1, 'to b, before');
      await tvox.push();
      await eventually(() => channel.textsTo('a').length + channel.textsTo('b').length === 2);

      tvox.restartEmpty();
      await say('b', 'b2');
      const b2 = await sessionWith('b', 'b2');
      await say('a', 'a2');
      const a2 = await sessionWith('a', 'a2');
      expect([a1.id, b1.id, b2.id, a2.id], 'TVox gave the ids again, crosswise').to.deep.equal([
        's1',
        's2',
        's1',
        's2',
      ]);

      tvox.agentWrites(b2, 'to b, after');
      tvox.agentWrites(a2, 'to a, after');
      await tvox.push();
      await eventually(() => channel.textsTo('a').length + channel.textsTo('b').length === 4);
      expect(channel.textsTo('a')).to.deep.equal(['to a, before', 'to a, after']);
      expect(channel.textsTo('b')).to.deep.equal(['to b, before', 'to b, after']);
      for (const session of tvox.sessions) {
        const texts = session.received.map((m) => m.text);
        expect(texts.every((text) => text.startsWith(session.conversation))).to.equal(true);
      }

      const sessions = await Promise.all(
        ['a', 'b'].map((chat) => store.findOpenSession({ channel: 'fake', id: chat })),
      );
      expect(sessions.map((s) => s?.tvoxSessionId)).to.deep.equal(['s2', 's1']);
      const [a, b] = sessions;
      expect(a?.sessionKey).to.not.equal(b?.sessionKey);
      const named = await store.findEventSessions('s1');
      expect(
        named.named.map((s) => [s.conversation.id, s.state.status]),
        "b's session holds s1 now; a's, which had it first, is closed",
      ).to.deep.equal([
        ['b', b?.state.status],
        ['a', 'CLOSED'],
      ]);
    }));

  it("holds back no other chat's events while TVox refuses one chat's session for lack of a licence", () =>
    withRelay(async ({ tvox, channel, store, say, sessionWith }) => {
      await say('a', 'a1');
      const a = await sessionWith('a', 'a1');
      tvox.unlicensed.add('b');
      await say('b', 'b1');
      await eventually(async () => {
        const opening = await store.findOpenSession({ channel: 'fake', id: 'b' });
        return opening !== undefined && opening.unansweredCallAt === undefined;
      });
      tvox.agentWrites(a, 'hello a');
      await tvox.push();
      await eventually(() => channel.textsTo('a').includes('hello a'));
      const b = await store.findOpenSession({ channel: 'fake', id: 'b' });
      expect(b, "b's session waits for a licence, opening").to.deep.include({
        state: { status: 'NEW', statusSequence: 0, mode: 'relay' },
      });
      expect(b?.tvoxSessionId).to.equal(undefined);
    }));

  it('closes a session that never opened when its first message goes to the dead letters', () =>
    withRelay(
      async ({ tvox, relay, store, say, sessionWith }) => {
        tvox.failNext(3, 'bad-response');
        await say('a', 'lost for now');
        await eventually(async () => (await relay.deadLetters()).length === 1);
        expect(await store.findOpenSession({ channel: 'fake', id: 'a' })).to.equal(undefined);
        const { unanswered } = await store.findEventSessions('none');
        expect(unanswered, 'no call is left unanswered').to.deep.equal([]);

        await say('a', 'again');
        const session = await sessionWith('a', 'again');
        expect(await relay.replay()).to.equal(1);
        await eventually(() => session.received.some((m) => m.text === 'lost for now'));
        expect(tvox.sessionsOf('a'), 'one session at TVox').to.have.length(1);
      },
      { maxAttempts: 3 },
    ));
});
