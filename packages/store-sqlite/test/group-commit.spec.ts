import { StoreError, type AcceptEntry } from '@tvox-connector/core';
import { createSqliteStore, type SqliteStore } from '@tvox-connector/store-sqlite';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { inbound } from './entries';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

describe('SQLite store group commit', () => {
  let path: string;
  let store: SqliteStore;

  beforeEach(async () => {
    path = tempDatabasePath();
    store = createSqliteStore({ path });
    await store.migrate();
  });

  afterEach(async () => {
    await store.close();
    removeTempDatabase(path);
  });

  it('commits concurrent accept calls in one transaction, each caller with its own outcomes', async () => {
    const calls = Array.from({ length: 50 }, (_, i) => [inbound(`m${i}`), inbound(`m${i % 10}`)]);
    const outcomes = await Promise.all(calls.map((entries) => store.accept(entries)));
    expect(store.acceptStats).to.deep.equal({ calls: 50, commits: 1 });
    // m0..m9 are accepted by their first call; a repeat later in the same batch is a duplicate.
    expect(outcomes).to.deep.equal(calls.map(() => ['accepted', 'duplicate']));
    expect(await store.listMessages({})).to.have.length(50);
  });

  it('commits calls awaited one after the other one transaction each', async () => {
    for (let i = 0; i < 5; i++) await store.accept([inbound(`m${i}`)]);
    expect(store.acceptStats).to.deep.equal({ calls: 5, commits: 5 });
  });

  it('rolls back only the call whose input fails, the rest of its batch committing', async () => {
    const unserialisable: AcceptEntry = inbound('bad-json', { count: 1n });
    const badKind = inbound('bad-kind');
    const invalidJob = {
      ...badKind,
      job: { ...badKind.job, kind: 'noSuchKind' },
    } as unknown as AcceptEntry;
    const results = await Promise.allSettled([
      store.accept([inbound('good1')]),
      store.accept([inbound('first-of-bad-call'), unserialisable]),
      store.accept([invalidJob]),
      store.accept([inbound('good2')]),
    ]);
    expect(store.acceptStats.commits).to.equal(1);
    expect(results.map((r) => r.status)).to.deep.equal([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).to.be.instanceOf(StoreError);
      expect(result.reason).to.include({ operation: 'accept', retryable: false });
    }
    const ids = (await store.listMessages({})).map((m) => m.id).sort();
    expect(ids, 'nothing of the failed calls, all of the others').to.deep.equal(['good1', 'good2']);
  });

  it('lets close() wait for a pending group commit, whose accepts are then durable', async () => {
    const pending = Promise.all([store.accept([inbound('a')]), store.accept([inbound('b')])]);
    await store.close();
    expect(await pending).to.deep.equal([['accepted'], ['accepted']]);
    const error = await expectRejection(store.accept([inbound('c')]));
    expect(error).to.be.instanceOf(StoreError).and.to.include({ retryable: false });
    store = createSqliteStore({ path });
    await store.migrate();
    expect((await store.listMessages({})).map((m) => m.id).sort()).to.deep.equal(['a', 'b']);
  });
});
