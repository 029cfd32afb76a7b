import { expect } from 'chai';
import { FAILURE, claim, claimFirst, entry, find, jobOf, messageIds } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Lanes: one job at a time in enqueue order, head-of-line blocking, lanes in parallel. */
export function laneSpecs(h: StoreHarness): void {
  describe('lanes', () => {
    it('works a lane one job at a time, in enqueue order', async () => {
      await h.store.accept([entry('m1'), entry('m2')]);
      await h.store.accept([entry('m3')]);
      for (const expected of ['m1', 'm2', 'm3']) {
        const jobs = await claim(h.store, 'w1');
        expect(messageIds(jobs)).to.deep.equal([expected]);
        expect(await claim(h.store, 'w2'), 'the lane is held').to.deep.equal([]);
        expect(await h.store.complete(find(jobs))).to.equal(true);
      }
      expect(await claim(h.store, 'w1')).to.deep.equal([]);
    });

    it('enqueues jobs without a ledger message into their lanes, in order behind the others', async () => {
      await h.store.accept([entry('m1', { lane: 'L' })]);
      await h.store.enqueue([
        { kind: 'applyEvent', lane: 'L', payload: { n: 1 } },
        { kind: 'applyEvent', lane: 'L', payload: { n: 2 } },
      ]);
      await h.store.enqueue([]);
      const payloads: unknown[] = [];
      for (;;) {
        const [job] = await claim(h.store, 'w1');
        if (job === undefined) break;
        payloads.push(job.messageId ?? job.payload);
        expect(await h.store.complete(job)).to.equal(true);
      }
      expect(payloads).to.deep.equal(['m1', { n: 1 }, { n: 2 }]);
      expect(await h.store.listMessages({}), 'no ledger message added').to.have.length(1);
    });

    it('gives job ids that increase in enqueue order', async () => {
      await h.store.accept([entry('m1'), entry('m2')]);
      const first = await claimFirst(h.store, 'w1');
      await h.store.complete(first);
      const second = await claimFirst(h.store, 'w1');
      expect(BigInt(second.id) > BigInt(first.id)).to.equal(true);
    });

    it('works different lanes in parallel, at most limit heads, each from its own lane', async () => {
      await h.store.accept(
        ['A', 'B', 'C'].flatMap((l) => [1, 2].map((n) => entry(`${l}${n}`, { lane: l }))),
      );
      const first = await claim(h.store, 'w1', 2);
      expect(first).to.have.length(2);
      expect(new Set(first.map((j) => j.lane)).size).to.equal(2);
      const second = await claim(h.store, 'w2', 5);
      expect(second.map((j) => j.messageId?.slice(1))).to.deep.equal(['1']);
      expect(messageIds([...first, ...second])).to.deep.equal(['A1', 'B1', 'C1']);
    });

    it('gives claims made at the same time distinct lanes, each its head', async () => {
      const lanes = ['A', 'B', 'C', 'D', 'E', 'F'];
      await h.store.accept(lanes.flatMap((l) => [1, 2].map((n) => entry(`${l}${n}`, { lane: l }))));
      const owners = ['w1', 'w2', 'w3', 'w4'];
      const claims = await Promise.all(owners.map((owner) => claim(h.store, owner, 2)));
      const jobs = claims.flat();
      expect(jobs.map((j) => j.lane).sort(), 'every lane once').to.deep.equal(lanes);
      expect(messageIds(jobs)).to.deep.equal(lanes.map((l) => `${l}1`));
      claims.forEach((held, i) => {
        for (const job of held) expect(job.leaseOwner).to.equal(owners[i]);
      });
    });

    it('holds a lane back behind a job waiting to retry, other lanes going on', async () => {
      await h.store.accept([
        entry('m1'),
        entry('m2'),
        entry('x1', { lane: 'L2' }),
        entry('x2', { lane: 'L2' }),
      ]);
      const jobs = await claim(h.store, 'w1');
      const [m1, x1] = [jobOf(jobs, 'm1'), jobOf(jobs, 'x1')];
      const notBefore = h.clock.now() + 5_000;
      expect(await h.store.retry(m1, notBefore, FAILURE)).to.equal(true);
      expect(await h.store.complete(x1)).to.equal(true);
      const next = await claim(h.store, 'w2');
      expect(messageIds(next), 'the other lane goes on, m2 waits behind m1').to.deep.equal(['x2']);
      expect(await h.store.complete(find(next))).to.equal(true);
      h.clock.advance(4_999);
      expect(await claim(h.store, 'w3')).to.deep.equal([]);
      h.clock.advance(1);
      const again = await claimFirst(h.store, 'w3');
      expect(again).to.deep.include({ id: m1.id, messageId: 'm1', attempts: 1, notBefore });
    });

    it('holds a lane back behind a new job that is not to run yet', async () => {
      const later = h.clock.now() + 2_000;
      await h.store.accept([entry('m1', { notBefore: later }), entry('m2')]);
      expect(await claim(h.store, 'w1')).to.deep.equal([]);
      h.clock.advance(2_000);
      const job = await claimFirst(h.store, 'w1');
      expect(job).to.deep.include({ messageId: 'm1', notBefore: later });
    });

    it('claims nothing for a limit of zero', async () => {
      await h.store.accept([entry('m1')]);
      expect(await claim(h.store, 'w1', 0)).to.deep.equal([]);
    });
  });
}
