import { expect } from 'chai';
import type { TvoxEvent } from '@tvox-connector/core';
import { claim, conversation, eventEntry, statusEvent } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** An event of TVox's stream after it started again: the same sequence, another event. */
function afterRestart(sequence: number, sessionId: string): TvoxEvent {
  return { ...statusEvent(sequence, sessionId), at: '2026-02-01T00:00:00.000Z' };
}

/** TVox starting its event stream again (sequences given again). */
export function streamRestartSpecs(h: StoreHarness): void {
  describe('a restarted event stream', () => {
    const record = (...events: TvoxEvent[]) =>
      h.store.recordEvents(events.map((e) => eventEntry(e)));

    it('records an event under a sequence given again to another event, told as restarted', async () => {
      const before = statusEvent(5, 's1');
      const after = afterRestart(5, 's9');
      expect(await record(before)).to.deep.equal({ recorded: [before], restarted: [] });
      expect(await record(after)).to.deep.equal({ recorded: [after], restarted: [after] });
      expect(
        await record(before, after, after),
        'a re-delivery of either is a duplicate',
      ).to.deep.equal({ recorded: [], restarted: [] });
      const jobs = await claim(h.store, 'w1');
      expect(jobs.map((j) => j.payload)).to.have.deep.members([before, after]);
    });

    it('tells an event of another epoch apart under the same sequence', async () => {
      const first = { ...statusEvent(3, 's1'), epoch: 'run-1' };
      const second = { ...first, epoch: 'run-2' };
      expect((await record(first)).recorded).to.deep.equal([first]);
      expect(await record(second)).to.deep.equal({ recorded: [second], restarted: [second] });
    });

    it('opens sessions after the latest event, and forgets positions of the stream before a restart', async () => {
      await record(statusEvent(1, 's1'), statusEvent(2, 's1'));
      const opening = {
        serviceCode: 'SUPPORT',
        state: { status: 'NEW', statusSequence: 0 },
      } as const;
      const during = await h.store.beginSession({
        ...opening,
        sessionKey: 'k1',
        conversation: conversation('c1'),
        openedAt: h.clock.now(),
        updatedAt: h.clock.now(),
      });
      expect(during.openedAfterSequence).to.equal(2);
      h.clock.advance(1_000);
      await record(afterRestart(1, 't1'));
      expect((await h.store.getSession('k1'))?.openedAfterSequence).to.equal(0);
      const next = await h.store.beginSession({
        ...opening,
        sessionKey: 'k2',
        conversation: conversation('c2'),
        openedAt: h.clock.now(),
        updatedAt: h.clock.now(),
      });
      expect(next.openedAfterSequence, 'the new stream is at 1').to.equal(1);
    });
  });
}
