import { expect } from 'chai';
import { FAILURE, claim, claimFirst, entry, jobOf, withoutLease } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Retries count attempts; dead letters keep the job and free the lane; replay resends. */
export function deadLetterSpecs(h: StoreHarness): void {
  describe('retries and dead letters', () => {
    it('retries a job later, counting one attempt each time', async () => {
      await h.store.accept([entry('m1')]);
      let job = await claimFirst(h.store, 'w1');
      for (const attempts of [1, 2]) {
        expect(await h.store.retry(job, h.clock.now() + 100, FAILURE)).to.equal(true);
        h.clock.advance(100);
        const again = await claimFirst(h.store, 'w1');
        expect(again).to.deep.include({ id: job.id, attempts, notBefore: h.clock.now() });
        job = again;
      }
    });

    it('dead-letters a job: keeps it with its failure, marks its message failed, frees the lane', async () => {
      await h.store.accept([entry('m1'), entry('m2')]);
      const job = await claimFirst(h.store, 'w1');
      h.clock.advance(10);
      expect(await h.store.deadLetter(job, FAILURE)).to.equal(true);
      const [letter] = await h.store.listDeadLetters();
      expect(letter).to.deep.equal({
        job: { ...withoutLease(job), attempts: 1 },
        failure: FAILURE,
        failedAt: h.clock.now(),
      });
      expect(await h.store.getMessage('m1')).to.deep.include({ state: 'failed', failure: FAILURE });
      expect((await claim(h.store, 'w1'))[0]?.messageId).to.equal('m2');
    });

    it('lists dead letters oldest first, up to a limit', async () => {
      await h.store.accept(['a', 'b', 'c'].map((id) => entry(id, { lane: id })));
      const jobs = await claim(h.store, 'w1');
      for (const id of ['b', 'c', 'a']) {
        h.clock.advance(1);
        await h.store.deadLetter(jobOf(jobs, id), FAILURE);
      }
      const ids = (await h.store.listDeadLetters()).map((d) => d.job.messageId);
      expect(ids).to.deep.equal(['b', 'c', 'a']);
      expect((await h.store.listDeadLetters(2)).map((d) => d.job.messageId)).to.deep.equal([
        'b',
        'c',
      ]);
    });

    it('replays a dead letter at the end of its lane, attempts reset, message accepted again', async () => {
      await h.store.accept([entry('m1'), entry('m2')]);
      const job = await claimFirst(h.store, 'w1');
      await h.store.retry(job, h.clock.now(), FAILURE);
      const again = await claimFirst(h.store, 'w1');
      await h.store.deadLetter(again, FAILURE);
      await h.store.accept([entry('m3')]);
      expect(await h.store.replayDeadLetter(job.id)).to.equal(true);
      expect(await h.store.listDeadLetters()).to.deep.equal([]);
      const message = await h.store.getMessage('m1');
      expect(message?.state).to.equal('accepted');
      expect(message).to.not.have.property('failure');
      const order: (string | undefined)[] = [];
      for (let [next] = await claim(h.store, 'w1'); next; [next] = await claim(h.store, 'w1')) {
        order.push(next.messageId);
        if (next.messageId === 'm1') {
          expect(next).to.deep.include({ attempts: 0, payload: job.payload, kind: job.kind });
        }
        await h.store.complete(next);
      }
      expect(order).to.deep.equal(['m2', 'm3', 'm1']);
    });

    it('resolves false replaying an unknown or already replayed id', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      await h.store.deadLetter(job, FAILURE);
      expect(await h.store.replayDeadLetter('no-such-job')).to.equal(false);
      expect(await h.store.replayDeadLetter(job.id)).to.equal(true);
      expect(await h.store.replayDeadLetter(job.id)).to.equal(false);
    });
  });
}
