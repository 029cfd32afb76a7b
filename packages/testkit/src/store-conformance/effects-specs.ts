import { StoreError, type LiveStatus } from '@tvox-connector/core';
import { expect } from 'chai';
import { expectRejection } from '../wait.js';
import { FAILURE, claim, claimFirst, conversation, entry, find, session } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Job effects: committed with the job's outcome, all or nothing. */
export function effectsSpecs(h: StoreHarness): void {
  describe('job effects', () => {
    it('commits message updates, sessions and new messages with the completed job', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      h.clock.advance(5);
      const opened = session('s1', 'NEW', h.clock.now());
      const reply = entry('r1', { direction: 'outbound', lane: 'OUT', sessionKey: 's1' });
      expect(
        await h.store.complete(job, {
          messages: [{ id: 'm1', state: 'sent', sessionKey: 's1' }],
          sessions: [opened],
          accept: [reply],
        }),
      ).to.equal(true);
      expect(await h.store.getMessage('m1')).to.deep.include({
        state: 'sent',
        sessionKey: 's1',
        updatedAt: h.clock.now(),
      });
      expect(await h.store.getSession('s1')).to.deep.equal(opened);
      expect((await h.store.getMessage('r1'))?.state).to.equal('accepted');
      expect((await claim(h.store, 'w1'))[0]).to.deep.include(reply.job);
    });

    it('commits effects with a retry and with a dead letter', async () => {
      await h.store.accept([entry('a', { lane: 'A' }), entry('b', { lane: 'B' })]);
      const jobs = await claim(h.store, 'w1');
      const [a, b] = [find(jobs, (j) => j.lane === 'A'), find(jobs, (j) => j.lane === 'B')];
      const kept = session('s1', 'QUEUED', h.clock.now());
      expect(await h.store.retry(a, h.clock.now() + 10, FAILURE, { sessions: [kept] })).to.equal(
        true,
      );
      expect(await h.store.getSession('s1')).to.deep.equal(kept);
      const notice = entry('n1', { direction: 'outbound', lane: 'OUT' });
      expect(await h.store.deadLetter(b, FAILURE, { accept: [notice] })).to.equal(true);
      expect((await h.store.getMessage('n1'))?.state).to.equal('accepted');
    });

    it('deduplicates messages accepted by effects, so a job run twice adds nothing', async () => {
      await h.store.accept([entry('m1')]);
      const first = await claimFirst(h.store, 'w1');
      await h.store.accept([entry('known', { lane: 'K' })]);
      const effects = { accept: [entry('r1', { lane: 'OUT' }), entry('known', { lane: 'OUT' })] };
      expect(await h.store.retry(first, h.clock.now(), FAILURE, effects)).to.equal(true);
      const jobs = await claim(h.store, 'w1');
      const others = jobs.filter((j) => j.id !== first.id);
      expect(others.map((j) => `${j.lane}:${j.messageId}`).sort()).to.deep.equal([
        'K:known',
        'OUT:r1',
      ]);
      expect(
        await h.store.complete(
          find(jobs, (j) => j.id === first.id),
          effects,
        ),
      ).to.equal(true);
      for (const job of others) expect(await h.store.complete(job)).to.equal(true);
      expect(await claim(h.store, 'w2'), 'no job was enqueued twice').to.deep.equal([]);
    });

    it('applies nothing of effects that fail, rejecting with a StoreError; the job stays held', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      // A session whose status is not a lifecycle status violates the store's constraints.
      const invalid = {
        ...session('s2', 'NEW', 1),
        state: { status: 'BROKEN' as LiveStatus, statusSequence: 0 },
      };
      const error = await expectRejection(
        h.store.complete(job, {
          accept: [entry('r1', { lane: 'OUT' })],
          messages: [{ id: 'm1', state: 'sent' }],
          sessions: [session('s1', 'NEW', 1, conversation('c9')), invalid],
        }),
      );
      expect(error).to.be.instanceOf(StoreError);
      expect(error).to.include({ code: 'TVOX_ERR_STORE', retryable: false });
      expect(await h.store.getMessage('r1')).to.equal(undefined);
      expect((await h.store.getMessage('m1'))?.state).to.equal('accepted');
      expect(await h.store.getSession('s1')).to.equal(undefined);
      expect(await claim(h.store, 'w2'), 'the job is still held').to.deep.equal([]);
      expect(await h.store.complete(job)).to.equal(true);
      expect(await claim(h.store, 'w2')).to.deep.equal([]);
    });
  });
}
