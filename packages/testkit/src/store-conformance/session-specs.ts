import type { SessionRecord } from '@tvox-connector/core';
import { expect } from 'chai';
import { commitSessions, conversation, session } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Sessions: stored with job effects, found by id and by conversation while not CLOSED. */
export function sessionSpecs(h: StoreHarness): void {
  describe('sessions', () => {
    const store = (...sessions: SessionRecord[]) => commitSessions(h, ...sessions);

    it('counts open sessions by status, leaving out CLOSED ones and empty statuses', async () => {
      expect(await h.store.openSessionCounts()).to.deep.equal([]);
      await store(
        session('s1', 'QUEUED', 1, conversation('c1')),
        session('s2', 'QUEUED', 1, conversation('c2')),
        session('s3', 'ASSIGNED', 1, conversation('c3')),
        session('s4', 'CLOSED', 1, conversation('c4')),
      );
      const counts = await h.store.openSessionCounts();
      expect([...counts].sort((a, b) => a.status.localeCompare(b.status))).to.deep.equal([
        { status: 'ASSIGNED', count: 1 },
        { status: 'QUEUED', count: 2 },
      ]);
    });

    it('lists the sessions TVox answered for that are not CLOSED, by key, page by page', async () => {
      await store(
        session('s3', 'ASSIGNED', 1, conversation('c3')),
        session('s1', 'QUEUED', 1, conversation('c1')),
        session('s2', 'CLOSED', 1, conversation('c2')),
        session('s4', 'BOOKED', 1, conversation('c4')),
      );
      // Still opening: TVox has not answered, there is nothing to follow yet.
      await h.store.beginSession({
        sessionKey: 's0',
        conversation: conversation('c0'),
        serviceCode: 'SUPPORT',
        state: { status: 'NEW', statusSequence: 0 },
        openedAt: 1,
        updatedAt: 1,
      });
      const keys = (sessions: readonly SessionRecord[]) => sessions.map((s) => s.sessionKey);
      expect(keys(await h.store.listOpenSessions(undefined, 2))).to.deep.equal(['s1', 's3']);
      expect(keys(await h.store.listOpenSessions('s3', 2))).to.deep.equal(['s4']);
      expect(keys(await h.store.listOpenSessions('s4', 2))).to.deep.equal([]);
    });

    it('finds a session by id, replaced by a later record of the same id', async () => {
      expect(await h.store.getSession('s1')).to.equal(undefined);
      await store(session('s1', 'NEW', 1));
      const assigned = {
        ...session('s1', 'ASSIGNED', 1),
        state: {
          status: 'ASSIGNED' as const,
          statusSequence: 3,
          agent: { code: 'a1', name: 'Anna' },
        },
        updatedAt: 9,
      };
      await store(assigned);
      expect(await h.store.getSession('s1')).to.deep.equal(assigned);
    });

    it('finds the open session of a conversation, ignoring CLOSED ones and other conversations', async () => {
      expect(await h.store.findOpenSession(conversation())).to.equal(undefined);
      await store(session('s1', 'QUEUED', 1), session('x1', 'NEW', 1, conversation('other')));
      expect((await h.store.findOpenSession(conversation()))?.sessionKey).to.equal('s1');
      await store(session('s1', 'CLOSED', 1));
      expect(await h.store.findOpenSession(conversation())).to.equal(undefined);
      await store(session('s2', 'NEW', 2));
      expect((await h.store.findOpenSession(conversation()))?.sessionKey).to.equal('s2');
      expect((await h.store.getSession('s1'))?.state.status).to.equal('CLOSED');
    });

    it('never reopens a CLOSED session: a write prepared from an older read changes nothing', async () => {
      await store(session('s1', 'ASSIGNED', 1));
      await store(session('s1', 'CLOSED', 1));
      await store(session('s1', 'ASSIGNED', 1));
      expect((await h.store.getSession('s1'))?.state.status).to.equal('CLOSED');
      expect(await h.store.findOpenSession(conversation())).to.equal(undefined);
    });
  });
}
