import { expect } from 'chai';
import type { TvoxEvent } from '@tvox-connector/core';
import { FAILURE, claim, claimFirst, eventEntry, find, statusEvent } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** TVox events deduplicated on sequence, and named cursors. */
export function eventSpecs(h: StoreHarness): void {
  describe('events and cursors', () => {
    /** Records `events`, each with its job in its session's lane, as the relay does. */
    const record = async (...events: TvoxEvent[]) =>
      (await h.store.recordEvents(events.map((e) => eventEntry(e)))).recorded;

    it('records each event once, within and across calls, with an applyEvent job in its lane', async () => {
      const e1 = statusEvent(1, 's1');
      const e2 = statusEvent(2, 's2');
      const e3 = statusEvent(3, 's1');
      expect(await record(e1, e2, e1)).to.deep.equal([e1, e2]);
      expect(await record(e2, e3)).to.deep.equal([e3]);
      expect(await record(e1, e3)).to.deep.equal([]);
      const jobs = await claim(h.store, 'w1');
      expect(jobs.map((j) => [j.kind, j.lane, j.payload]).sort()).to.deep.equal([
        ['applyEvent', 'session:s1', e1],
        ['applyEvent', 'session:s2', e2],
      ]);
      expect(jobs.every((j) => j.messageId === undefined)).to.equal(true);
      await h.store.complete(find(jobs, (j) => j.lane === 'session:s1'));
      expect((await claim(h.store, 'w1'))[0]?.payload).to.deep.equal(e3);
    });

    it('enqueues the job each new event comes with, as it is given', async () => {
      const event = statusEvent(3, 's1');
      const job = {
        kind: 'applyEvent',
        lane: 'elsewhere',
        order: 30,
        payload: { given: 3 },
      } as const;
      expect((await h.store.recordEvents([{ event, job }])).recorded).to.deep.equal([event]);
      expect(
        (await h.store.recordEvents([{ event, job: { ...job, lane: 'another' } }])).recorded,
        'a sequence recorded before enqueues nothing, whatever its job',
      ).to.deep.equal([]);
      const [claimed, ...others] = await claim(h.store, 'w1');
      expect(others).to.deep.equal([]);
      expect(claimed).to.deep.include({ ...job, attempts: 0 });
    });

    /** The sequences of the events a worker gets from the lane, one job after the other. */
    async function drain(owner: string): Promise<number[]> {
      const sequences: number[] = [];
      for (let jobs = await claim(h.store, owner); jobs.length > 0;) {
        const job = find(jobs);
        sequences.push((job.payload as { sequence: number }).sequence);
        await h.store.complete(job);
        jobs = await claim(h.store, owner);
      }
      return sequences;
    }

    it("applies a session's events in sequence order, however late each was recorded", async () => {
      for (const sequence of [7, 3, 9, 5]) {
        await record(statusEvent(sequence));
      }
      const head = await claimFirst(h.store, 'w1');
      expect(head).to.deep.include({ order: 3, payload: statusEvent(3) });
      await h.store.complete(head);
      expect(await drain('w1')).to.deep.equal([5, 7, 9]);
    });

    it('never lets an event overtake one a worker holds; it runs right after it', async () => {
      await record(statusEvent(5));
      const held = await claimFirst(h.store, 'w1');
      await record(statusEvent(6), statusEvent(4));
      expect(await claim(h.store, 'w2'), 'the lane is held').to.deep.equal([]);
      expect(await h.store.complete(held)).to.equal(true);
      expect(await drain('w2')).to.deep.equal([4, 6]);
    });

    it('lets an earlier event go first when the one a worker held is retried', async () => {
      await record(statusEvent(5));
      const held = await claimFirst(h.store, 'w1');
      await record(statusEvent(4));
      expect(await h.store.retry(held, h.clock.now() + 1_000, FAILURE)).to.equal(true);
      const next = await claimFirst(h.store, 'w2');
      expect(next.order).to.equal(4);
      await h.store.complete(next);
      expect(await claim(h.store, 'w2'), 'the retried event waits for its back-off').to.deep.equal(
        [],
      );
      h.clock.advance(1_000);
      expect(await drain('w2')).to.deep.equal([5]);
    });

    it('holds new events until notBefore, so that a late earlier one can still overtake', async () => {
      const notBefore = h.clock.now() + 250;
      await h.store.recordEvents([eventEntry(statusEvent(8), { notBefore })]);
      expect(await claim(h.store, 'w1')).to.deep.equal([]);
      await h.store.recordEvents([eventEntry(statusEvent(2), { notBefore })]);
      h.clock.advance(250);
      expect(await drain('w1')).to.deep.equal([2, 8]);
    });

    it("keeps an event's place in its lane through the dead letters and back", async () => {
      await record(statusEvent(5), statusEvent(6), statusEvent(7));
      const failed = await claimFirst(h.store, 'w1');
      expect(await h.store.deadLetter(failed, FAILURE)).to.equal(true);
      const inHand = await claimFirst(h.store, 'w1');
      expect(await h.store.replayDeadLetter(failed.id)).to.equal(true);
      expect(await h.store.complete(inHand)).to.equal(true);
      expect(await drain('w1'), 'the replay goes after the job in hand, before 7').to.deep.equal([
        5, 7,
      ]);
    });

    it('sets and gets named cursors', async () => {
      expect(await h.store.getCursor('events')).to.equal(undefined);
      await h.store.setCursor('events', '41');
      await h.store.setCursor('telegram:offset', 'abc');
      await h.store.setCursor('events', '42');
      expect(await h.store.getCursor('events')).to.equal('42');
      expect(await h.store.getCursor('telegram:offset')).to.equal('abc');
    });

    it('claims a cursor once: the first value offered stays, whoever offers next', async () => {
      const offers = await Promise.all(
        ['a', 'b', 'c', 'd'].map((value) => h.store.claimCursor('key', value)),
      );
      const [first] = offers;
      expect(first).to.be.oneOf(['a', 'b', 'c', 'd']);
      expect(offers, 'every caller gets the same value').to.deep.equal(offers.map(() => first));
      expect(await h.store.claimCursor('key', 'later')).to.equal(first);
      expect(await h.store.getCursor('key')).to.equal(first);
    });
  });
}
