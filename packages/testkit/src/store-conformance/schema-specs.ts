import { expect } from 'chai';
import { FAILURE, claim, entry, jobOf, session, statusEvent, inLane } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** `migrate` is idempotent and concurrent-safe; a durable store keeps everything across a reopen. */
export function schemaSpecs(h: StoreHarness): void {
  describe('schema and durability', () => {
    it('migrates again harmlessly, keeping the data', async () => {
      await h.store.accept([entry('m1')]);
      await h.store.migrate();
      await h.store.migrate();
      expect((await h.store.getMessage('m1'))?.state).to.equal('accepted');
      expect(await claim(h.store, 'w1')).to.have.length(1);
    });

    it('migrates from several instances at once', async () => {
      const others = await Promise.all([h.openAnother(), h.openAnother()]);
      await Promise.all([h.store.migrate(), ...others.map((store) => store.migrate())]);
      expect(await h.store.accept([entry('m1')])).to.deep.equal(['accepted']);
    });

    if (!h.options.durable) return;

    it('finds everything again after close and reopen: ledger, jobs, leases, dead letters, sessions, events, cursors', async () => {
      await h.store.accept([entry('m1'), entry('m2'), entry('d1', { lane: 'D' })]);
      await h.store.recordEvents(inLane('E', statusEvent(5)));
      await h.store.setCursor('events', '5');
      const jobs = await claim(h.store, 'w1');
      const held = jobOf(jobs, 'm1');
      const opened = session('s1', 'QUEUED', h.clock.now());
      await h.store.deadLetter(jobOf(jobs, 'd1'), FAILURE, { sessions: [opened] });
      const pending = h.store.accept([entry('late', { lane: 'Z' })]);
      const store = await h.reopen();
      expect(await pending).to.deep.equal(['accepted']);
      expect((await store.getMessage('late'))?.state, 'close() waited for the accept').to.equal(
        'accepted',
      );
      expect((await store.getMessage('m2'))?.state).to.equal('accepted');
      expect(await store.getSession('s1')).to.deep.equal(opened);
      expect(await store.getCursor('events')).to.equal('5');
      expect((await store.recordEvents(inLane('E', statusEvent(5)))).recorded).to.deep.equal([]);
      expect((await store.listDeadLetters()).map((d) => d.job.messageId)).to.deep.equal(['d1']);
      expect(messageLanes(await claim(store, 'w2')), 'w1 still holds L1 and E').to.deep.equal([
        'Z',
      ]);
      expect(await store.complete(held)).to.equal(true);
      expect((await claim(store, 'w2'))[0]?.messageId).to.equal('m2');
    });
  });
}

function messageLanes(jobs: readonly { lane: string }[]): string[] {
  return jobs.map((j) => j.lane).sort();
}
