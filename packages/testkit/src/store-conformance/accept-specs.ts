import { expect } from 'chai';
import { claim, entry, messageIds } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** `accept`: durable, deduplicated on the message id, each caller with its own outcomes. */
export function acceptSpecs(h: StoreHarness): void {
  describe('accept', () => {
    it('stores each message in state accepted with its job, outcomes in entry order', async () => {
      const first = entry('m1', { sessionKey: 's1' });
      expect(await h.store.accept([first, entry('m2', { lane: 'L2' })])).to.deep.equal([
        'accepted',
        'accepted',
      ]);
      const stored = await h.store.getMessage('m1');
      expect(stored).to.deep.equal({
        ...first.message,
        state: 'accepted',
        updatedAt: stored?.updatedAt,
      });
      const jobs = await claim(h.store, 'w1');
      expect(messageIds(jobs)).to.deep.equal(['m1', 'm2']);
      const job = jobs.find((j) => j.messageId === 'm1');
      expect(job).to.deep.include({ ...first.job, attempts: 0, leaseOwner: 'w1' });
      expect(job?.enqueuedAt).to.equal(h.clock.now());
    });

    it('treats a known id as a duplicate that enqueues nothing, in one call or across calls', async () => {
      expect(await h.store.accept([entry('m1'), entry('m1', { lane: 'L2' })])).to.deep.equal([
        'accepted',
        'duplicate',
      ]);
      const again = entry('m1', { lane: 'L3', sessionKey: 'other' });
      expect(await h.store.accept([again, entry('m2')])).to.deep.equal(['duplicate', 'accepted']);
      expect((await h.store.getMessage('m1'))?.sessionKey).to.equal(undefined);
      const jobs = await claim(h.store, 'w1');
      expect(jobs.map((j) => [j.lane, j.messageId])).to.deep.equal([['L1', 'm1']]);
    });

    it('gives each of many concurrent calls its own outcomes, one acceptance per id', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `m${i % 20}`);
      const outcomes = await Promise.all(
        ids.map((id, i) => h.store.accept([entry(id, { lane: `L${i % 20}` })])),
      );
      const accepted = ids.filter((_, i) => outcomes[i]?.[0] === 'accepted');
      expect([...accepted].sort()).to.deep.equal([...new Set(ids)].sort());
      expect(outcomes.flat().filter((o) => o === 'duplicate')).to.have.length(10);
      expect(await claim(h.store, 'w1', 100)).to.have.length(20);
    });

    it('resolves an empty call with no outcomes', async () => {
      expect(await h.store.accept([])).to.deep.equal([]);
    });
  });
}
