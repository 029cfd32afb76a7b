import type { AcceptEntry, Job } from '@tvox-connector/core';
import { expect } from 'chai';
import {
  FAILURE,
  LEASE_MS,
  claim,
  claimFirst,
  entry,
  find,
  jobOf,
  messageIds,
} from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Leases: expiry makes a job claimable again; only the holder of a live lease may act. */
export function leaseSpecs(h: StoreHarness): void {
  describe('leases', () => {
    /** Claims the only job, lets its lease run out and has `w2` take it over. */
    const takeOver = async (): Promise<{ stale: Job; current: Job }> => {
      await h.store.accept([entry('m1'), entry('m2')]);
      const stale = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS - 1);
      expect(await claim(h.store, 'w2'), 'the lease still holds').to.deep.equal([]);
      h.clock.advance(1);
      const current = await claimFirst(h.store, 'w2');
      return { stale: stale, current: current };
    };

    it('makes a job claimable again when its lease runs out, same id and attempts, marked interrupted', async () => {
      const { stale, current } = await takeOver();
      expect(stale).to.deep.include({ claimNumber: 1, interrupted: false });
      expect(current).to.deep.include({
        id: stale.id,
        messageId: 'm1',
        attempts: 0,
        leaseOwner: 'w2',
        leaseUntil: h.clock.now() + LEASE_MS,
        claimNumber: 2,
        interrupted: true,
      });
    });

    it('fences an older claim of the same owner: only the latest claim acts', async () => {
      await h.store.accept([entry('m1')]);
      const first = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS);
      const second = await claimFirst(h.store, 'w1');
      expect(second).to.deep.include({ id: first.id, claimNumber: 2, interrupted: true });
      expect(await h.store.renew([first], LEASE_MS)).to.equal(false);
      expect(await h.store.complete(first)).to.equal(false);
      expect((await h.store.getMessage('m1'))?.state).to.equal('accepted');
      expect(await h.store.complete(second, { messages: [{ id: 'm1', state: 'sent' }] })).to.equal(
        true,
      );
    });

    it('refuses the old owner after a takeover, changing nothing', async () => {
      const { stale, current } = await takeOver();
      expect(await h.store.complete(stale, { messages: [{ id: 'm1', state: 'sent' }] })).to.equal(
        false,
      );
      expect(await h.store.retry(stale, h.clock.now(), FAILURE)).to.equal(false);
      expect(await h.store.deadLetter(stale, FAILURE)).to.equal(false);
      expect(await h.store.renew([stale], LEASE_MS)).to.equal(false);
      expect((await h.store.getMessage('m1'))?.state).to.equal('accepted');
      expect(await h.store.listDeadLetters()).to.deep.equal([]);
      expect(await claim(h.store, 'w3'), 'w2 still holds the lane').to.deep.equal([]);
      expect(await h.store.complete(current)).to.equal(true);
      const next = await claimFirst(h.store, 'w3');
      expect(next).to.deep.include({ messageId: 'm2', attempts: 0 });
    });

    it('answers outcomes given at the same time each on its own: false only for a lost lease', async () => {
      await h.store.accept(['a', 'b', 'c', 'd', 'e'].map((id) => entry(id, { lane: id })));
      const stale = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS / 2);
      const jobs = await claim(h.store, 'w1');
      h.clock.advance(LEASE_MS / 2);
      const current = await claimFirst(h.store, 'w2');
      expect(current.id, 'w2 took over a').to.equal(stale.id);
      const [b, c, d, e] = [jobOf(jobs, 'b'), jobOf(jobs, 'c'), jobOf(jobs, 'd'), jobOf(jobs, 'e')];
      const sent = (id: string) => ({ messages: [{ id, state: 'sent' as const }] });
      const answers = await Promise.all([
        h.store.complete(stale, sent('a')),
        h.store.complete(b, sent('b')),
        h.store.retry(c, h.clock.now() + 10, FAILURE, sent('c')),
        h.store.deadLetter(d, FAILURE),
        h.store.renew([e], LEASE_MS),
        h.store.renew([stale], LEASE_MS),
      ]);
      expect(answers).to.deep.equal([false, true, true, true, true, false]);
      expect((await h.store.getMessage('a'))?.state, 'nothing of the lost job').to.equal(
        'accepted',
      );
      expect((await h.store.getMessage('b'))?.state).to.equal('sent');
      expect((await h.store.getMessage('c'))?.state).to.equal('sent');
      expect((await h.store.getMessage('d'))?.state).to.equal('failed');
      expect((await h.store.listDeadLetters()).map((l) => l.job.id)).to.deep.equal([d.id]);
      h.clock.advance(LEASE_MS / 2);
      expect(messageIds(await claim(h.store, 'w3')), 'e renewed, a held by w2').to.deep.equal([
        'c',
      ]);
      expect(await h.store.complete(current)).to.equal(true);
    });

    it('takes the outcome of a job whose lease ran out while nobody took it over', async () => {
      await h.store.accept([entry('m1'), entry('m2')]);
      const job = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS * 5);
      expect(await h.store.renew([job], LEASE_MS), 'renewed: still the latest claim').to.equal(
        true,
      );
      expect(await claim(h.store, 'w2'), 'held again').to.deep.equal([]);
      h.clock.advance(LEASE_MS * 5);
      expect(await h.store.complete(job, { messages: [{ id: 'm1', state: 'sent' }] })).to.equal(
        true,
      );
      expect((await h.store.getMessage('m1'))?.state).to.equal('sent');
      expect(await claimFirst(h.store, 'w2')).to.deep.include({
        messageId: 'm2',
        interrupted: false,
      });
    });

    it('postpones without counting an attempt, and a claim after an outcome is not interrupted', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      expect(await h.store.postpone(job, h.clock.now() + 50, FAILURE)).to.equal(true);
      expect(await claim(h.store, 'w2'), 'not before its time').to.deep.equal([]);
      h.clock.advance(50);
      const again = await claimFirst(h.store, 'w2');
      expect(again).to.deep.include({
        attempts: 0,
        claimNumber: 2,
        interrupted: false,
        failingSince: h.clock.now() - 50,
      });
      expect(await h.store.postpone(job, h.clock.now(), FAILURE), 'not the latest claim').to.equal(
        false,
      );
      expect(await h.store.retry(again, h.clock.now(), FAILURE)).to.equal(true);
      const failing = await claimFirst(h.store, 'w2');
      expect(failing, 'failing since its first failure, postponed or not').to.deep.include({
        attempts: 1,
        failingSince: h.clock.now() - 50,
        interrupted: false,
      });
    });

    it('fences out a stalled holder whose head yielded to a job ordered before it', async () => {
      const ordered = (id: string, order: number): AcceptEntry => {
        const base = entry(id, { lane: 'S' });
        return { ...base, job: { ...base.job, order } };
      };
      await h.store.accept([ordered('e5', 5)]);
      const stalled = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS);
      await h.store.accept([ordered('e3', 3)]);
      const earlier = await claimFirst(h.store, 'w2');
      expect(earlier.messageId, 'the earlier job took the head').to.equal('e3');
      expect(await h.store.renew([stalled], LEASE_MS), 'one worker per lane').to.equal(false);
      expect(await h.store.complete(stalled)).to.equal(false);
      expect(await h.store.complete(earlier)).to.equal(true);
      expect(await claimFirst(h.store, 'w3')).to.deep.include({
        messageId: 'e5',
        interrupted: true,
      });
    });

    it('claims only the kinds asked for', async () => {
      await h.store.accept([
        entry('in', { lane: 'A', kind: 'deliverInbound' }),
        entry('out', { lane: 'B', kind: 'deliverOutbound' }),
      ]);
      const outbound = await h.store.claim({
        owner: 'w1',
        leaseMs: LEASE_MS,
        limit: 10,
        kinds: ['deliverOutbound', 'applyEvent'],
      });
      expect(messageIds(outbound)).to.deep.equal(['out']);
      expect(messageIds(await claim(h.store, 'w2'))).to.deep.equal(['in']);
    });

    it('renews a lease still held, keeping the job from others', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      h.clock.advance(LEASE_MS - 100);
      expect(await h.store.renew([job], LEASE_MS)).to.equal(true);
      h.clock.advance(LEASE_MS - 100);
      expect(await claim(h.store, 'w2')).to.deep.equal([]);
      expect(await h.store.complete(job)).to.equal(true);
    });

    it('renews only while every job is held, reporting false when one was lost', async () => {
      await h.store.accept([entry('a', { lane: 'A' }), entry('b', { lane: 'B' })]);
      const jobs = await claim(h.store, 'w1');
      expect(await h.store.complete(find(jobs))).to.equal(true);
      expect(await h.store.renew(jobs, LEASE_MS)).to.equal(false);
    });

    it('refuses a job id the store never gave', async () => {
      await h.store.accept([entry('m1')]);
      const job = await claimFirst(h.store, 'w1');
      for (const id of ['no-such-job', '0', '999999999']) {
        expect(await h.store.complete({ ...job, id })).to.equal(false);
      }
      expect(await h.store.complete(job)).to.equal(true);
    });
  });
}
