import { expect } from 'chai';
import type { TvoxEvent } from '@tvox-connector/core';
import { FAILURE, claim, entry, eventEntry, jobOf, statusEvent } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** What the store lets go of past its retention: event sequences, message payloads. */
export function retentionSpecs(h: StoreHarness): void {
  describe('retention', () => {
    const record = (...events: TvoxEvent[]) =>
      h.store.recordEvents(events.map((e) => eventEntry(e)));

    it('prunes events recorded before a time, oldest first, in batches', async () => {
      await record(statusEvent(1), statusEvent(2), statusEvent(3));
      h.clock.advance(10_000);
      await record(statusEvent(4));
      const before = h.clock.now();
      expect(await h.store.pruneRecordedEvents(before, 2)).to.equal(2);
      expect(await h.store.pruneRecordedEvents(before, 2)).to.equal(1);
      expect(await h.store.pruneRecordedEvents(before, 2)).to.equal(0);
      expect((await record(statusEvent(4))).recorded, 'a kept one is still known').to.deep.equal(
        [],
      );
    });

    it('clears the payloads of messages done with before a time, in batches, keeping the rows', async () => {
      const sent = (id: string) => ({ messages: [{ id, state: 'sent' as const }] });
      const ids = ['sent1', 'sent2', 'failed1', 'waiting'];
      await h.store.accept(ids.map((id) => entry(id, { lane: `L-${id}` })));
      const jobs = await claim(h.store, 'w1');
      expect(await h.store.complete(jobOf(jobs, 'sent1'), sent('sent1'))).to.equal(true);
      expect(await h.store.complete(jobOf(jobs, 'sent2'), sent('sent2'))).to.equal(true);
      expect(await h.store.deadLetter(jobOf(jobs, 'failed1'), FAILURE)).to.equal(true);
      h.clock.advance(10_000);
      await h.store.accept([entry('late', { lane: 'L-late' })]);
      const late = jobOf(await claim(h.store, 'w2'), 'late');
      expect(await h.store.complete(late, sent('late'))).to.equal(true);
      const before = h.clock.now();
      expect(await h.store.clearMessagePayloads(before, 2)).to.equal(2);
      expect(await h.store.clearMessagePayloads(before, 2)).to.equal(1);
      expect(await h.store.clearMessagePayloads(before, 2)).to.equal(0);
      for (const id of ['sent1', 'sent2', 'failed1']) {
        const message = await h.store.getMessage(id);
        expect(message?.payload, id).to.equal(undefined);
        expect(message?.state, id).to.be.oneOf(['sent', 'failed']);
      }
      expect((await h.store.getMessage('waiting'))?.payload, 'not done with').to.not.equal(
        undefined,
      );
      expect((await h.store.getMessage('late'))?.payload, 'done with lately').to.not.equal(
        undefined,
      );
    });
  });
}
