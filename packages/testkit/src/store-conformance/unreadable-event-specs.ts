import type { UnreadableEvent } from '@tvox-connector/core';
import { expect } from 'chai';
import { FAILURE, claim, claimFirst, entry, find, statusEvent, inLane } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** An event element as it may arrive: read up to its sequence, then refused. */
const BAD: UnreadableEvent = {
  raw: { type: 'statusChanged', sequence: '12', sessionId: 's1', status: 'LOST', extra: [1, null] },
  reason: 'unreadable statusChanged: status is not a session status',
  sequence: 12,
};

/** TVox events the profile could not read, kept as dead letters with their raw payload. */
export function unreadableEventSpecs(h: StoreHarness): void {
  describe('unreadable events', () => {
    it('sets each aside as a dead letter: raw payload, reason, sequence, its own lane', async () => {
      expect(await h.store.setAsideEvents([BAD])).to.equal(1);
      const [letter] = await h.store.listDeadLetters();
      expect(letter?.job).to.deep.include({
        kind: 'applyEvent',
        lane: 'events:unreadable',
        payload: { unread: BAD },
        attempts: 1,
      });
      expect(letter?.failure.code).to.equal('TVOX_ERR_INVALID_INPUT');
      expect(letter?.failure.message).to.include(BAD.reason);
      expect(letter?.failedAt).to.equal(h.clock.now());
      expect(await claim(h.store, 'w1'), 'nothing runs until a replay').to.deep.equal([]);
    });

    it('keeps an event delivered again once: by sequence, or by raw payload without one', async () => {
      const noSequence: UnreadableEvent = { raw: 'not an element', reason: 'not an element' };
      expect(await h.store.setAsideEvents([BAD, noSequence, BAD])).to.equal(2);
      expect(await h.store.setAsideEvents([{ ...BAD, raw: 'another' }, noSequence])).to.equal(0);
      expect(await h.store.setAsideEvents([{ raw: 'another', reason: 'x' }])).to.equal(1);
      expect(await h.store.listDeadLetters()).to.have.length(3);
    });

    it('leaves the sequence free, so that the event can be recorded once read', async () => {
      await h.store.setAsideEvents([BAD]);
      const read = statusEvent(12);
      expect((await h.store.recordEvents(inLane('E', read))).recorded).to.deep.equal([read]);
    });

    it('gives ids no job of the store ever gets, and replays into its lane', async () => {
      await h.store.accept([entry('m1')]);
      await h.store.setAsideEvents([BAD]);
      await h.store.accept([entry('m2', { lane: 'L2' })]);
      for (const job of await claim(h.store, 'w1')) await h.store.deadLetter(job, FAILURE);
      const letters = await h.store.listDeadLetters();
      expect(new Set(letters.map((l) => l.job.id)).size).to.equal(3);
      const unread = find(letters, (l) => l.job.lane === 'events:unreadable');
      expect(await h.store.replayDeadLetter(unread.job.id)).to.equal(true);
      const replayed = await claimFirst(h.store, 'w1');
      expect(replayed).to.deep.include({
        kind: 'applyEvent',
        lane: 'events:unreadable',
        payload: { unread: BAD },
        attempts: 0,
      });
    });

    it('keeps its key through a replay that fails: delivered again, it is still kept once', async () => {
      await h.store.setAsideEvents([BAD]);
      const [letter] = await h.store.listDeadLetters();
      await h.store.replayDeadLetter(letter?.job.id ?? '');
      const replayed = await claimFirst(h.store, 'w1');
      expect(await h.store.deadLetter(replayed, FAILURE)).to.equal(true);
      expect(await h.store.setAsideEvents([BAD]), 'TVox delivers it again').to.equal(0);
      expect(await h.store.listDeadLetters()).to.have.length(1);
    });

    it('does not keep it twice when TVox delivered it again while its replay ran', async () => {
      await h.store.setAsideEvents([BAD]);
      const [letter] = await h.store.listDeadLetters();
      await h.store.replayDeadLetter(letter?.job.id ?? '');
      const replayed = await claimFirst(h.store, 'w1');
      expect(await h.store.setAsideEvents([BAD])).to.equal(1);
      expect(await h.store.deadLetter(replayed, FAILURE)).to.equal(true);
      const letters = await h.store.listDeadLetters();
      expect(
        letters.map((l) => l.failure),
        'with the reason of the replay',
      ).to.deep.equal([FAILURE]);
      expect(await claim(h.store, 'w1'), 'the replayed job is gone').to.deep.equal([]);
    });
  });
}
