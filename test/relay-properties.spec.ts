import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { NoticesConfig, Relay, RelayConfig } from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { eventually } from '@tvox-connector/testkit';
import { FakeChannel } from './support/fake-channel';
import { FakeTvox } from './support/fake-tvox';

const CHATS = ['a', 'b', 'c'];

type Step =
  | { readonly kind: 'say'; readonly chat: number }
  | { readonly kind: 'agent'; readonly chat: number }
  | { readonly kind: 'tvoxDown'; readonly calls: number }
  | { readonly kind: 'networkDown' }
  | { readonly kind: 'restart' }
  | { readonly kind: 'push'; readonly reversed: boolean }
  | { readonly kind: 'run'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('say' as const),
      chat: fc.nat({ max: CHATS.length - 1 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('agent' as const),
      chat: fc.nat({ max: CHATS.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tvoxDown' as const),
      calls: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'networkDown' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('push' as const), reversed: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      ms: fc.integer({ min: 0, max: 30 }),
    }),
  },
);

/** A relay on a SQLite file in `folder` between the fake TVox and the fake network. */
async function startRelay(tvox: FakeTvox, channel: FakeChannel, folder: string): Promise<Relay> {
  const relay = new Relay(
    {
      channels: [
        { id: 'fake', adapter: 'fake', serviceCode: 'SUPPORT', entryPoints: {}, settings: {} },
      ],
      relay: RelayConfig.parse({
        initialDelayMs: 1,
        maxDelayMs: 5,
        maxAttempts: 10_000,
        workers: 3,
        leaseMs: 60_000,
        eventReorderWindowMs: 50,
      }),
      notices: NoticesConfig.parse({ templates: { en: { queued: '' } } }),
      idleMs: 2,
    },
    {
      store: createSqliteStore({ path: join(folder, 'db.sqlite') }),
      transport: tvox.transport(),
      adapters: [channel],
    },
  );
  await relay.start();
  return relay;
}

describe('relay properties', function () {
  this.timeout(120_000);

  it('applies the events of a session in sequence order when they are pushed out of order', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tvox-prop-'));
    const tvox = new FakeTvox();
    const channel = new FakeChannel('fake');
    const relay = await startRelay(tvox, channel, folder);
    try {
      await relay.accept([channel.message({ id: '1', chat: 'a', from: 'a', text: 'hi' })]);
      await eventually(() => tvox.conversationOf.size === 1);
      const texts = ['first', 'second', 'third', 'fourth'];
      texts.forEach((text, i) => tvox.agentWrites('s1', `m${i}`, text));
      await tvox.pushReversed();
      await eventually(() => channel.textsTo('a').length === texts.length);
      expect(channel.textsTo('a')).to.deep.equal(texts);
    } finally {
      await relay.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps order per conversation and delivers once in effect, through failures, restarts and reordered pushes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const folder = mkdtempSync(join(tmpdir(), 'tvox-prop-'));
        const tvox = new FakeTvox();
        const channel = new FakeChannel('fake');
        const start = () => startRelay(tvox, channel, folder);
        let relay = await start();
        const said = new Map<string, string[]>(CHATS.map((c) => [c, []]));
        const agentSaid = new Map<string, string[]>(CHATS.map((c) => [c, []]));
        let counter = 0;
        try {
          for (const s of steps) {
            const chat = 'chat' in s ? (CHATS[s.chat] ?? 'a') : 'a';
            if (s.kind === 'say') {
              const text = `${chat}:${++counter}`;
              await relay.accept([channel.message({ id: text, chat, from: chat, text })]);
              said.get(chat)?.push(text);
            } else if (s.kind === 'agent') {
              const sessionId = [...tvox.conversationOf].find(([, c]) => c === chat)?.[0];
              if (sessionId !== undefined) {
                const text = `agent ${chat}:${++counter}`;
                tvox.agentWrites(sessionId, `m${counter}`, text);
                agentSaid.get(chat)?.push(text);
              }
            } else if (s.kind === 'tvoxDown') tvox.failNext(s.calls);
            else if (s.kind === 'networkDown') channel.failNext({ status: 500 });
            else if (s.kind === 'restart') {
              await relay.stop();
              relay = await start();
            } else if (s.kind === 'push') await (s.reversed ? tvox.pushReversed() : tvox.push());
            else await new Promise((resolve) => setTimeout(resolve, s.ms));
          }
          await eventually(async () => {
            await tvox.push();
            const delivered = CHATS.every((chat) => {
              const sessions = [...tvox.conversationOf]
                .filter(([, c]) => c === chat)
                .map(([id]) => id);
              const got = sessions.flatMap((id) => tvox.received.get(id) ?? []).length;
              const agentDelivered = new Set(channel.textsTo(chat)).size;
              return (
                got === (said.get(chat)?.length ?? 0) &&
                agentDelivered === (agentSaid.get(chat)?.length ?? 0)
              );
            });
            return delivered;
          }, 20_000);

          for (const chat of CHATS) {
            const sessions = [...tvox.conversationOf]
              .filter(([, c]) => c === chat)
              .map(([id]) => id);
            expect(sessions.length, `one session for ${chat}`).to.be.at.most(1);
            const texts = sessions.flatMap((id) => tvox.received.get(id) ?? []).map((m) => m.text);
            expect(texts, `TVox got ${chat} in order, once each`).to.deep.equal(said.get(chat));
            const toCustomer = [...new Set(channel.textsTo(chat))];
            expect(
              toCustomer,
              `the customer got the agent's messages of ${chat} in order`,
            ).to.deep.equal(agentSaid.get(chat));
          }
        } finally {
          await relay.stop();
          rmSync(folder, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});
