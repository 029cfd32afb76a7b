import { expect } from 'chai';
import {
  EVENTS_POLL,
  silentLogger,
  subscribeEvents,
  type Clock,
  type EventSubscriptionDeps,
  type SubscribeOptions,
} from '@tvox-connector/core';

/** A clock whose sleeps end on the next turn (or when aborted), so loops run quickly. */
const fastClock: Clock = {
  now: () => Date.now(),
  sleep: (_ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) reject(signal.reason as Error);
      else setImmediate(resolve);
    }),
};

/** A store with cursors and, when `leading` is given, a leader lease it answers from it. */
function fakeStore(leading?: { value: boolean }) {
  const cursors = new Map<string, string>();
  const resigned: string[] = [];
  const store: EventSubscriptionDeps['store'] = {
    getCursor: async (name) => cursors.get(name),
    setCursor: async (name, value) => {
      cursors.set(name, value);
    },
    ...(leading
      ? {
          tryLead: async (name: string) => name === EVENTS_POLL && leading.value,
          resign: async (name: string, owner: string) => {
            resigned.push(`${name} ${owner}`);
          },
        }
      : {}),
  };
  return { store, cursors, resigned };
}

/** A transport that counts its open subscriptions and keeps the options of the last. */
function fakeTransport(pushed = false) {
  const state = { open: 0, subscribed: 0, options: undefined as SubscribeOptions | undefined };
  const transport: EventSubscriptionDeps['transport'] = {
    eventMode: pushed ? 'push' : 'poll',
    subscribe: async (_handler, options) => {
      state.open += 1;
      state.subscribed += 1;
      state.options = options;
      return {
        close: async () => {
          state.open -= 1;
        },
      };
    },
  };
  return { transport, state };
}

const turns = async (count: number): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

const deps = (
  store: EventSubscriptionDeps['store'],
  transport: EventSubscriptionDeps['transport'],
): EventSubscriptionDeps => ({
  store,
  transport,
  clock: fastClock,
  logger: silentLogger,
  owner: 'host:1',
  leaseMs: 3_000,
});

describe('event subscription', () => {
  it('polls at once when the store has no leader lease, from and to the store cursor', async () => {
    const { store, cursors } = fakeStore();
    const { transport, state } = fakeTransport();
    const subscription = await subscribeEvents(deps(store, transport), async () => undefined);
    expect(state.open).to.equal(1);
    const cursor = state.options?.cursor;
    expect(await cursor?.load()).to.equal(undefined);
    await cursor?.save(41);
    expect(cursors.get(EVENTS_POLL)).to.equal('41');
    expect(await cursor?.load()).to.equal(41);
    await subscription.close();
    expect(state.open).to.equal(0);
  });

  it('polls only while this instance leads, stops when another does, and resigns on close', async () => {
    const leading = { value: false };
    const { store, resigned } = fakeStore(leading);
    const { transport, state } = fakeTransport();
    const subscription = await subscribeEvents(deps(store, transport), async () => undefined);
    await turns(5);
    expect(state.open, 'follower').to.equal(0);
    leading.value = true;
    await turns(5);
    expect(state.open, 'leader').to.equal(1);
    leading.value = false;
    await turns(5);
    expect(state.open, 'lease lost').to.equal(0);
    leading.value = true;
    await turns(5);
    expect([state.open, state.subscribed], 'leading again').to.deep.equal([1, 2]);
    await subscription.close();
    expect(state.open).to.equal(0);
    expect(resigned).to.deep.equal([`${EVENTS_POLL} host:1`]);
  });

  it('receives pushed events on every instance, leader or not', async () => {
    const { store } = fakeStore({ value: false });
    const { transport, state } = fakeTransport(true);
    const subscription = await subscribeEvents(deps(store, transport), async () => undefined);
    expect(state.open).to.equal(1);
    await subscription.close();
  });
});
