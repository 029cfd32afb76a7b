import { expect } from 'chai';
import { StoreError, isReady, type Store } from '@tvox-connector/core';
import { withChatInSession } from './support/fake-tvox-relay';

/** `store`, refusing every write while `full.now` is set, as SQLite does on a full disk. */
function fillable(store: Store, full: { now: boolean }): Store {
  const writes = new Set<string | symbol>(['setCursor', 'accept', 'recordEvents']);
  return new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) =>
        full.now && writes.has(name)
          ? Promise.reject(
              new StoreError(String(name), 'SQLITE_FULL: database or disk is full', {
                retryable: true,
              }),
            )
          : method(...args);
    },
  });
}

describe('readiness (SQLite store, fake TVox)', () => {
  it('is not ready while the store takes no writes, though it still answers reads', async () => {
    const full = { now: false };
    await withChatInSession(
      async ({ relay }) => {
        expect(isReady(await relay.readiness())).to.equal(true);
        full.now = true;
        // The readiness write stands for a second: asked again within it, the answer is the same.
        expect(isReady(await relay.readiness())).to.equal(true);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const checks = await relay.readiness();
        expect(isReady(checks)).to.equal(false);
        const store = checks.find((check) => check.name === 'store');
        expect(store).to.deep.include({ ok: false });
        expect(store?.detail).to.match(/does not take writes.*SQLITE_FULL/);
        expect(store).not.to.have.property('advisory');
        expect((await relay.stats()).outbox, 'reads still answered').to.have.length(3);
        full.now = false;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(isReady(await relay.readiness()), 'ready again once it writes').to.equal(true);
      },
      { store: (store) => fillable(store, full) },
    );
  });
});
