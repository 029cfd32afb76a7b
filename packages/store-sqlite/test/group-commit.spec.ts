import {
  StoreError,
  type AcceptEntry,
  type Failure,
  type Job,
  type SessionRecord,
} from '@tvox-connector/core';
import { createSqliteStore, type SqliteStore } from '@tvox-connector/store-sqlite';
import { ManualClock, expectRejection } from '@tvox-connector/testkit';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { inbound } from './entries';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

const LEASE_MS = 1_000;
const FAILURE: Failure = { code: 'TVOX_ERR_TRANSPORT_CALL_FAILED', message: 'no answer' };

/** The effects of a job that sent message `id`. */
function sent(id: string) {
  return { messages: [{ id, state: 'sent' as const }] };
}

/** The job among `jobs` on `lane`; fails the test if there is none. */
function onLane(jobs: readonly Job[], lane: string): Job {
  const job = jobs.find((j) => j.lane === lane);
  if (job === undefined) throw new Error(`no job of lane ${lane} was claimed`);
  return job;
}

describe('SQLite store group commit', () => {
  let path: string;
  let clock: ManualClock;
  let store: SqliteStore;

  beforeEach(async () => {
    path = tempDatabasePath();
    clock = new ManualClock();
    store = createSqliteStore({ path }, { clock });
    await store.migrate();
  });

  /** Accepts message `id` on lane `id` for each of `ids`, then claims them all for `owner`. */
  async function claimed(ids: readonly string[], owner = 'w1'): Promise<Job[]> {
    await store.accept(ids.map((id) => inbound(id, { text: id }, id)));
    return store.claim({ owner, leaseMs: LEASE_MS, limit: ids.length });
  }

  /** State of message `id` in the ledger. */
  async function stateOf(id: string): Promise<string | undefined> {
    return (await store.getMessage(id))?.state;
  }

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

  it('commits concurrent job outcomes in one transaction, each caller with its own answer', async () => {
    const jobs = await claimed(['a', 'b', 'c', 'd', 'e']);
    const before = store.commitStats();
    const answers = await Promise.all([
      store.complete(onLane(jobs, 'a'), sent('a')),
      store.complete(onLane(jobs, 'b'), sent('b')),
      store.retry(onLane(jobs, 'c'), clock.now() + 10, FAILURE),
      store.deadLetter(onLane(jobs, 'd'), FAILURE),
      store.renew([onLane(jobs, 'e')], LEASE_MS),
      store.accept([inbound('g', { text: 'g' }, 'g')]),
    ]);
    expect(answers).to.deep.equal([true, true, true, true, true, ['accepted']]);
    expect(store.commitStats(), 'six calls, one commit').to.deep.equal({
      calls: before.calls + 6,
      commits: before.commits + 1,
    });
    expect(store.commitStats('complete')).to.deep.equal({ calls: 2, commits: 1 });
    for (const operation of ['retry', 'deadLetter', 'renew'] as const) {
      expect(store.commitStats(operation), operation).to.deep.equal({ calls: 1, commits: 1 });
    }
    expect([await stateOf('a'), await stateOf('b'), await stateOf('d')]).to.deep.equal([
      'sent',
      'sent',
      'failed',
    ]);
    expect((await store.listDeadLetters()).map((l) => l.job.lane)).to.deep.equal(['d']);
    clock.advance(10);
    const next = await store.claim({ owner: 'w2', leaseMs: LEASE_MS, limit: 10 });
    expect(next.map((j) => j.lane).sort(), 'e still held').to.deep.equal(['c', 'g']);
  });

  it('answers false to a caller whose lease was lost in a batch, applying nothing of it, the others committing', async () => {
    const [stale] = await claimed(['a']);
    clock.advance(LEASE_MS / 2);
    const jobs = await claimed(['b', 'c']);
    clock.advance(LEASE_MS / 2);
    const [current] = await store.claim({ owner: 'w2', leaseMs: LEASE_MS, limit: 10 });
    expect(current?.id, 'w2 took over a').to.equal(stale?.id);
    if (stale === undefined || current === undefined) throw new Error('a was not claimed');
    const before = store.commitStats();
    const answers = await Promise.all([
      store.complete(stale, { ...sent('a'), accept: [inbound('reply', { text: 'r' }, 'out')] }),
      store.complete(onLane(jobs, 'b'), sent('b')),
      store.retry(stale, clock.now(), FAILURE, sent('a')),
      store.deadLetter(stale, FAILURE),
      store.renew([stale], LEASE_MS),
      store.complete(onLane(jobs, 'c'), sent('c')),
    ]);
    expect(answers).to.deep.equal([false, true, false, false, false, true]);
    expect(store.commitStats().commits).to.equal(before.commits + 1);
    expect(await stateOf('a'), 'nothing of the lost lease').to.equal('accepted');
    expect(await store.getMessage('reply')).to.equal(undefined);
    expect(await store.listDeadLetters()).to.deep.equal([]);
    expect([await stateOf('b'), await stateOf('c')]).to.deep.equal(['sent', 'sent']);
    expect(await store.complete(current), 'w2 still holds a').to.equal(true);
  });

  it('rolls back only the outcome whose effects fail, its job staying held, the rest of the batch committing', async () => {
    const jobs = await claimed(['a', 'b', 'c']);
    // Applied last, after the new message and the update: its status breaks a CHECK constraint.
    const broken = {
      sessionId: 's1',
      conversation: { channel: 'webchat', id: 'c1' },
      serviceCode: 'SUPPORT',
      state: { status: 'BROKEN', statusSequence: 0 },
      openedAt: 1,
      updatedAt: 1,
    } as unknown as SessionRecord;
    const failing = {
      ...sent('b'),
      accept: [inbound('reply', { text: 'r' }, 'out')],
      sessions: [broken],
    };
    const results = await Promise.allSettled([
      store.complete(onLane(jobs, 'a'), sent('a')),
      store.complete(onLane(jobs, 'b'), failing),
      store.deadLetter(onLane(jobs, 'c'), FAILURE, sent('c')),
    ]);
    expect(store.commitStats('complete')).to.deep.equal({ calls: 2, commits: 1 });
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    const [, failed] = results;
    expect(failed.status === 'rejected' && failed.reason)
      .to.be.instanceOf(StoreError)
      .and.to.include({ operation: 'complete', retryable: false });
    expect([await stateOf('a'), await stateOf('b'), await stateOf('c')]).to.deep.equal([
      'sent',
      'accepted',
      'failed',
    ]);
    expect(await store.getMessage('reply')).to.equal(undefined);
    expect(await store.getSession('s1')).to.equal(undefined);
    expect(
      await store.claim({ owner: 'w2', leaseMs: LEASE_MS, limit: 10 }),
      'b is still held',
    ).to.deep.equal([]);
    expect(await store.complete(onLane(jobs, 'b'), sent('b'))).to.equal(true);
  });

  it('commits concurrent claims in one transaction, each getting lanes of its own', async () => {
    const lanes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    await store.accept(lanes.map((id) => inbound(id, { text: id }, id)));
    const owners = ['w1', 'w2', 'w3', 'w4'];
    const claims = await Promise.all(
      owners.map((owner) => store.claim({ owner, leaseMs: LEASE_MS, limit: 3 })),
    );
    expect(store.commitStats('claim')).to.deep.equal({ calls: 4, commits: 1 });
    expect(
      claims
        .flat()
        .map((j) => j.lane)
        .sort(),
      'every lane once',
    ).to.deep.equal(lanes);
    claims.forEach((jobs, i) => {
      for (const job of jobs) expect(job.leaseOwner).to.equal(owners[i]);
    });
  });

  it('fails every call of a batch when the database fails, each naming its operation, applying none', async () => {
    const subject = createSqliteStore({ path, busyTimeoutMs: 0 }, { clock });
    await subject.migrate();
    await subject.accept([inbound('a', { text: 'a' }, 'a')]);
    const [job] = await subject.claim({ owner: 'w1', leaseMs: LEASE_MS, limit: 1 });
    if (job === undefined) throw new Error('a was not claimed');
    const before = subject.commitStats();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([
      subject.complete(job, sent('a')),
      subject.accept([inbound('b')]),
      subject.setCursor('events', '7'),
    ]);
    other.exec('ROLLBACK');
    other.close();
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as unknown) : r));
    errors.forEach((error, i) => {
      expect(error)
        .to.be.instanceOf(StoreError)
        .and.to.include({
          operation: ['complete', 'accept', 'setCursor'][i],
          retryable: true,
        });
      expect((error as StoreError).message).to.contain('SQLITE_BUSY');
    });
    expect(subject.commitStats()).to.deep.equal(before);
    expect(await subject.getMessage('b')).to.equal(undefined);
    expect(await subject.getCursor('events')).to.equal(undefined);
    expect(await subject.complete(job, sent('a')), 'the lease is still held').to.equal(true);
    await subject.close();
  });
});
