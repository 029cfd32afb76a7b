import { expect } from 'chai';
import { FAILURE, claim, entry, jobOf, statusEvent, inLane } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** `outboxStats`: depth and age of the oldest job, for every kind. */
export function outboxStatsSpecs(h: StoreHarness): void {
  describe('outbox stats', () => {
    it('reports every kind, zero when empty', async () => {
      const stats = await h.store.outboxStats();
      expect([...stats].sort((a, b) => a.kind.localeCompare(b.kind))).to.deep.equal([
        { kind: 'applyEvent', depth: 0, oldestAgeMs: 0 },
        { kind: 'deliverInbound', depth: 0, oldestAgeMs: 0 },
        { kind: 'deliverOutbound', depth: 0, oldestAgeMs: 0 },
      ]);
    });

    it('counts waiting, leased and retrying jobs, with the age of the oldest', async () => {
      await h.store.accept([entry('a', { lane: 'A' })]);
      h.clock.advance(100);
      await h.store.accept([
        entry('b', { lane: 'B' }),
        entry('o', { direction: 'outbound', lane: 'O' }),
      ]);
      await h.store.recordEvents(inLane('E', statusEvent(1)));
      h.clock.advance(50);
      const jobs = await claim(h.store, 'w1');
      await h.store.retry(jobOf(jobs, 'b'), h.clock.now() + 1_000, FAILURE);
      const byKind = async () =>
        Object.fromEntries(
          (await h.store.outboxStats()).map((s) => [s.kind, [s.depth, s.oldestAgeMs]]),
        );
      expect(await byKind()).to.deep.equal({
        deliverInbound: [2, 150],
        deliverOutbound: [1, 50],
        applyEvent: [1, 50],
      });
      await h.store.complete(jobOf(jobs, 'a'));
      await h.store.deadLetter(jobOf(jobs, 'o'), FAILURE);
      expect(await byKind()).to.deep.equal({
        deliverInbound: [1, 50],
        deliverOutbound: [0, 0],
        applyEvent: [1, 50],
      });
    });
  });
}
