import type { OpeningSession, SessionRecord } from '@tvox-connector/core';
import { expect } from 'chai';
import { commitSessions, conversation, session, statusEvent } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** A session of conversation `c` about to be opened under `sessionKey`, at `at`. */
function opening(sessionKey: string, at: number, c = 'c1'): OpeningSession {
  return {
    sessionKey,
    conversation: conversation(c),
    serviceCode: 'SUPPORT',
    state: { status: 'NEW', statusSequence: 0 },
    openedAt: at,
    updatedAt: at,
  };
}

/**
 * Sessions keyed by the connector: stored before TVox answers, one not CLOSED per conversation,
 * keys never reused, TVox's id an attribute that several sessions may share over time.
 */
export function sessionKeySpecs(h: StoreHarness): void {
  describe('session keys', () => {
    const commit = (...sessions: SessionRecord[]) => commitSessions(h, ...sessions);

    it('stores a session before TVox answers: opening, after the newest event recorded', async () => {
      await h.store.recordEvents([statusEvent(4), statusEvent(9)], { laneOf: () => 'E' });
      const stored = await h.store.beginSession(opening('k1', 5));
      expect(stored).to.deep.equal({
        ...opening('k1', 5),
        openedAfterSequence: 9,
        unansweredCallAt: 5,
      });
      expect(await h.store.getSession('k1')).to.deep.equal(stored);
      expect(await h.store.findOpenSession(conversation('c1'))).to.deep.equal(stored);
      expect(await h.store.findEventSessions('k1')).to.deep.equal({
        named: [stored],
        unanswered: [stored],
      });
      const { unansweredCallAt, ...answered } = stored;
      await commit({ ...answered, tvoxSessionId: 'T1', tvoxIdAt: 6, updatedAt: 6 });
      const { named, unanswered } = await h.store.findEventSessions('T1');
      expect(unanswered).to.deep.equal([]);
      expect(named).to.deep.equal([
        { ...answered, tvoxSessionId: 'T1', tvoxIdAt: 6, updatedAt: 6 },
      ]);
    });

    it('notes an open call as unanswered until TVox answers, either way', async () => {
      const stored = await h.store.beginSession(opening('k1', 5));
      const { unansweredCallAt, ...refused } = stored;
      await commit({ ...refused, updatedAt: 6 });
      expect((await h.store.findEventSessions('x')).unanswered, 'TVox refused').to.deep.equal([]);
      await h.store.markOpenCall('k1', 7);
      expect((await h.store.findEventSessions('x')).unanswered).to.deep.equal([
        { ...refused, updatedAt: 6, unansweredCallAt: 7 },
      ]);
      await commit({ ...stored, tvoxSessionId: 'T1', updatedAt: 8 });
      expect(
        (await h.store.findEventSessions('x')).unanswered,
        'an answer clears it, whatever the record said',
      ).to.deep.equal([]);
      expect((await h.store.getSession('k1'))?.tvoxIdAt, 'when the id was stored').to.equal(8);
      await h.store.markOpenCall('k1', 9);
      await commit(session('k2', 'CLOSED', 9, conversation('c2')));
      await h.store.markOpenCall('k2', 10);
      expect(
        (await h.store.findEventSessions('x')).unanswered,
        'an answered or CLOSED session is left as it is',
      ).to.deep.equal([]);
    });

    it('keeps one session not CLOSED per conversation, however many try to begin one at once', async () => {
      // Another instance shares the database only when it is not in memory.
      const other = h.options.durable ? await h.openAnother() : h.store;
      const tries = ['k1', 'k2', 'k3', 'k4'].map((key, i) =>
        (i % 2 === 0 ? h.store : other).beginSession(opening(key, 1)),
      );
      const answers = await Promise.all(tries);
      const keys = new Set(answers.map((answer) => answer.sessionKey));
      expect(keys.size, 'every try answered the same session').to.equal(1);
      expect(await h.store.beginSession(opening('k5', 2, 'c2'))).to.deep.include({
        sessionKey: 'k5',
      });
      expect((await h.store.findEventSessions('x')).unanswered).to.have.length(2);
    });

    it('never reuses a key: beginning under a key taken answers its session, unchanged', async () => {
      await commit(session('k1', 'CLOSED', 1));
      const answer = await h.store.beginSession(opening('k1', 2));
      expect(answer).to.deep.equal(session('k1', 'CLOSED', 1));
      expect(await h.store.findOpenSession(conversation('c1'))).to.equal(undefined);
    });

    it('closes the session TVox lost and begins its successor in one commit', async () => {
      await commit(session('k1', 'ASSIGNED', 1));
      const gone = session('k1', 'CLOSED', 1);
      expect(await h.store.beginSession(opening('k2', 2), gone)).to.deep.include({
        sessionKey: 'k2',
      });
      expect((await h.store.getSession('k1'))?.state.status).to.equal('CLOSED');
      expect((await h.store.findOpenSession(conversation('c1')))?.sessionKey).to.equal('k2');
    });

    it("keeps TVox's id once stored, and never moves a session to another conversation", async () => {
      const begun = await h.store.beginSession(opening('k1', 1));
      await commit({ ...begun, tvoxSessionId: 'T9', tvoxIdAt: 2 });
      await commit({ ...begun, tvoxSessionId: 'T8', tvoxIdAt: 3 });
      await commit({ ...begun, state: { status: 'QUEUED', statusSequence: 3 } });
      await commit({
        ...begun,
        conversation: conversation('c2'),
        state: session('k1', 'CLOSED', 1).state,
      });
      expect(await h.store.getSession('k1')).to.deep.include({
        tvoxSessionId: 'T9',
        tvoxIdAt: 2,
        conversation: conversation('c1'),
        state: { status: 'QUEUED', statusSequence: 3 },
      });
    });

    it('names the sessions of an id: by key, then those TVox gave it, not CLOSED first, then the latest', async () => {
      const keys = async (id: string) =>
        (await h.store.findEventSessions(id)).named.map((s) => s.sessionKey);
      await commit(session('k1', 'ASSIGNED', 1, conversation('c1'), 'T1'));
      await commit(session('k2', 'CLOSED', 2, conversation('c2'), 'T1'));
      await commit(session('k3', 'QUEUED', 3, conversation('c3'), 'T2'));
      expect(await keys('T1')).to.deep.equal(['k1', 'k2']);
      expect(await keys('T2')).to.deep.equal(['k3']);
      expect(await keys('k3'), 'by key, whatever TVox answered').to.deep.equal(['k3']);
      expect(await keys('T3')).to.deep.equal([]);
      await commit(session('k1', 'CLOSED', 4, conversation('c1'), 'T1'));
      await commit(session('k4', 'CLOSED', 0, conversation('c4'), 'T1'));
      expect(await keys('T1'), 'given last first').to.deep.equal(['k2', 'k1', 'k4']);
    });
  });
}
