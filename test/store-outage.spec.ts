import { expect } from 'chai';
import { StoreError, type Store } from '@tvox-connector/core';
import { RecordingLogger, eventually } from '@tvox-connector/testkit';
import { withChatInSession } from './support/fake-tvox-relay';

/** `store`, failing its next `count` claims as a database restarting would. */
function failingClaims(store: Store, count: number): Store {
  let left = count;
  return new Proxy(store, {
    get(target, name) {
      if (name === 'claim' && left > 0) {
        return () => {
          left -= 1;
          return Promise.reject(new StoreError('claim', 'the database is restarting'));
        };
      }
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}

describe('relay workers while the store cannot hand out work (SQLite store, fake TVox)', () => {
  it('back off, say so once rather than at every claim, and deliver once the store answers', async () => {
    const logger = new RecordingLogger();
    await withChatInSession(
      async ({ session }) => {
        // The first message goes to TVox once the store hands out work again.
        await eventually(() => session.received.length === 1);
        expect(session.received.map((m) => m.text)).to.deep.equal(['hi']);
        expect(logger.messages('error')).to.deep.equal([
          'claiming work failed; retrying with back-off',
        ]);
        expect(logger.messages('info')).to.include('claiming work recovered after 5 failures');
      },
      { logger, store: (store) => failingClaims(store, 5) },
    );
  });
});
