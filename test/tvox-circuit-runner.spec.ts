import { expect } from 'chai';
import { StoreError, type Store } from '@tvox-connector/core';
import { eventually } from '@tvox-connector/testkit';
import { withChatInSession } from './support/fake-tvox-relay';

/** `store`, failing the next `count` claims of some kinds only, as a store failing over would. */
function failingKindClaims(store: Store, count: { left: number }): Store {
  return new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (name !== 'claim') return method;
      return (request: Parameters<Store['claim']>[0]) => {
        if (request.kinds !== undefined && count.left > 0) {
          count.left -= 1;
          return Promise.reject(new StoreError('claim', 'connection terminated'));
        }
        return method(request);
      };
    },
  });
}

describe('the TVox circuit in the relay (SQLite store, fake TVox)', () => {
  it('delivers in order once TVox answers, though the store failed the claims made while it probed', async () => {
    const failing = { left: 0 };
    await withChatInSession(
      async ({ relay, tvox, channel, session }) => {
        tvox.failNext(4);
        failing.left = 6;
        for (const text of ['one', 'two', 'three'])
          await relay.accept([channel.message({ id: text, chat: 'a', from: 'a', text })]);
        await eventually(() => failing.left === 0, 10_000);
        await eventually(() => session.received.length === 4, 10_000);
        expect(session.received.map((m) => m.text)).to.deep.equal(['hi', 'one', 'two', 'three']);
        expect(await relay.deadLetters()).to.deep.equal([]);
        expect((await relay.readiness()).find((c) => c.name === 'tvox')?.ok).to.equal(true);
      },
      { store: (store) => failingKindClaims(store, failing) },
    );
  });

  it('counts a failure of one message, not of TVox, as an attempt: it reaches the dead letters and the others flow', async () => {
    await withChatInSession(
      async ({ relay, tvox, channel, session }) => {
        tvox.failNext(3, 'bad-response');
        await relay.accept([channel.message({ id: 'p', chat: 'b', from: 'b', text: 'poison' })]);
        await eventually(async () => (await relay.deadLetters()).length === 1, 10_000);
        await relay.accept([channel.message({ id: 'n', chat: 'a', from: 'a', text: 'next' })]);
        await eventually(() => session.received.some((m) => m.text === 'next'), 10_000);
        expect(relay.tvoxStatus().ok, 'TVox was answering all along').to.equal(true);
      },
      { relay: { maxAttempts: 3 } },
    );
  });
});
