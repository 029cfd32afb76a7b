import { expect } from 'chai';
import { claim, find, statusEvent } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** TVox events deduplicated on sequence, and named cursors. */
export function eventSpecs(h: StoreHarness): void {
  describe('events and cursors', () => {
    const laneOf = (event: { sessionId: string }) => `session:${event.sessionId}`;

    it('records each event once, within and across calls, with an applyEvent job in its lane', async () => {
      const e1 = statusEvent(1, 's1');
      const e2 = statusEvent(2, 's2');
      const e3 = statusEvent(3, 's1');
      expect(await h.store.recordEvents([e1, e2, e1], laneOf)).to.deep.equal([e1, e2]);
      expect(await h.store.recordEvents([e2, e3], laneOf)).to.deep.equal([e3]);
      expect(await h.store.recordEvents([e1, e3], laneOf)).to.deep.equal([]);
      const jobs = await claim(h.store, 'w1');
      expect(jobs.map((j) => [j.kind, j.lane, j.payload]).sort()).to.deep.equal([
        ['applyEvent', 'session:s1', e1],
        ['applyEvent', 'session:s2', e2],
      ]);
      expect(jobs.every((j) => j.messageId === undefined)).to.equal(true);
      await h.store.complete(find(jobs, (j) => j.lane === 'session:s1'));
      expect((await claim(h.store, 'w1'))[0]?.payload).to.deep.equal(e3);
    });

    it('sets and gets named cursors', async () => {
      expect(await h.store.getCursor('events')).to.equal(undefined);
      await h.store.setCursor('events', '41');
      await h.store.setCursor('telegram:offset', 'abc');
      await h.store.setCursor('events', '42');
      expect(await h.store.getCursor('events')).to.equal('42');
      expect(await h.store.getCursor('telegram:offset')).to.equal('abc');
    });
  });
}
