import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { StoreError, type Store } from '@tvox-connector/core';
import { RecordingLogger, eventually } from '@tvox-connector/testkit';
import { FakeChannel } from './support/fake-channel';
import { FakeTvox } from './support/fake-tvox';
import { startRelay } from './support/fake-tvox-relay';

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
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-outage-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('back off, say so once rather than at every claim, and deliver once the store answers', async () => {
    const tvox = new FakeTvox();
    const channel = new FakeChannel('fake');
    const logger = new RecordingLogger();
    const { relay } = await startRelay(
      tvox,
      channel,
      folder,
      {},
      {
        logger,
        store: (store) => failingClaims(store, 5),
      },
    );
    try {
      await relay.accept([channel.message({ id: '1', chat: 'a', from: 'a', text: 'kept' })]);
      await eventually(() => tvox.liveSessionOf('a')?.received.length === 1);
      expect(logger.messages('error')).to.deep.equal([
        'claiming work failed; retrying with back-off',
      ]);
      expect(logger.messages('info')).to.include('claiming work recovered after 5 failures');
    } finally {
      await relay.stop();
    }
  });
});
