import type { OpeningSession, SessionRecord } from '@tvox-connector/core';
import { expect } from 'chai';
import { commitSessions, conversation, session, statusEvent, inLane } from './fixtures.js';
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
      await h.store.recordEvents(inLane('E', statusEvent(4), statusEvent(9)));
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
      const answered = await h.store.recordOpenAnswer(
        { sessionKey: 'k1', tvoxSessionId: 'T1', at: 6 },
        [],
      );
      const { unansweredCallAt, ...rest } = stored;
      expect(answered).to.deep.equal({ ...rest, tvoxSessionId: 'T1', tvoxIdAt: 6 });
      expect(await h.store.findEventSessions('T1')).to.deep.equal({
        named: [answered],
        unanswered: [],
      });
      expect(
        (await h.store.findEventSessions('k1')).named,
        'named by its TVox id now',
      ).to.deep.equal([]);
    });

    it('notes an open call as unanswered until TVox answers, either way', async () => {
      const unanswered = async () => (await h.store.findEventSessions('x')).unanswered;
      const stored = await h.store.beginSession(opening('k1', 5));
      await h.store.markOpenCall('k1', 7);
      expect((await unanswered())[0]?.unansweredCallAt, 'the earlier call counts').to.equal(5);
      await h.store.clearOpenCall('k1');
      expect(await unanswered(), 'TVox refused').to.deep.equal([]);
      await h.store.markOpenCall('k1', 7);
      expect((await unanswered())[0]?.unansweredCallAt).to.equal(7);
      await commit({ ...stored, unansweredCallAt: 3, updatedAt: 8 });
      expect((await unanswered())[0]?.unansweredCallAt, 'a record leaves it').to.equal(7);
      await h.store.recordOpenAnswer({ sessionKey: 'k1', tvoxSessionId: 'T1', at: 8 }, []);
      expect(await unanswered(), 'an answer clears it').to.deep.equal([]);
      await h.store.markOpenCall('k1', 9);
      await commit(session('k2', 'CLOSED', 9, conversation('c2')));
      await h.store.markOpenCall('k2', 10);
      expect(await unanswered(), 'an answered or CLOSED session is left as it is').to.deep.equal(
        [],
      );
    });

    it('keeps the state events applied while the session was opening when its answer is stored', async () => {
      const stored = await h.store.beginSession(opening('k1', 5));
      const queued = { status: 'QUEUED', statusSequence: 12 } as const;
      await commit({ ...stored, state: queued, updatedAt: 6 });
      const answered = await h.store.recordOpenAnswer(
        { sessionKey: 'k1', tvoxSessionId: 'T1', at: 7 },
        [],
      );
      expect(answered.state).to.deep.equal(queued);
      await commit({ ...stored, updatedAt: 8 });
      expect(
        (await h.store.getSession('k1'))?.state,
        'a record of an older status sequence changes nothing',
      ).to.deep.equal(queued);
      await commit({ ...stored, state: { status: 'CLOSED', statusSequence: 0 }, updatedAt: 9 });
      expect((await h.store.getSession('k1'))?.state.status, 'CLOSED always goes').to.equal(
        'CLOSED',
      );
    });

    it('stores the answer with the sessions TVox gave the id before, closed, in one commit', async () => {
      await commit(session('k1', 'ASSIGNED', 1, conversation('c1'), 'T1'));
      await h.store.beginSession(opening('k2', 2, 'c2'));
      const gone = session('k1', 'CLOSED', 3, conversation('c1'), 'T1');
      await h.store.recordOpenAnswer({ sessionKey: 'k2', tvoxSessionId: 'T1', at: 3 }, [gone]);
      const { named } = await h.store.findEventSessions('T1');
      expect(named.map((s) => [s.sessionKey, s.state.status])).to.deep.equal([
        ['k2', 'NEW'],
        ['k1', 'CLOSED'],
      ]);
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
      await h.store.recordOpenAnswer({ sessionKey: 'k1', tvoxSessionId: 'T9', at: 2 }, []);
      await h.store.recordOpenAnswer({ sessionKey: 'k1', tvoxSessionId: 'T8', at: 3 }, []);
      await commit({
        ...begun,
        tvoxSessionId: 'T7',
        state: { status: 'QUEUED', statusSequence: 3 },
      });
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

    it('names the sessions TVox gave an id, not CLOSED first, then the one given it last', async () => {
      const keys = async (id: string) =>
        (await h.store.findEventSessions(id)).named.map((s) => s.sessionKey);
      await commit(session('k1', 'ASSIGNED', 1, conversation('c1'), 'T1'));
      await commit(session('k2', 'CLOSED', 2, conversation('c2'), 'T1'));
      await commit(session('k3', 'QUEUED', 3, conversation('c3'), 'T2'));
      expect(await keys('T1')).to.deep.equal(['k1', 'k2']);
      expect(await keys('T2')).to.deep.equal(['k3']);
      expect(await keys('k3'), 'a key names only a session still opening').to.deep.equal([]);
      expect(await keys('T3')).to.deep.equal([]);
      await commit(session('k1', 'CLOSED', 4, conversation('c1'), 'T1'));
      await commit(session('k4', 'CLOSED', 0, conversation('c4'), 'T1'));
      expect(await keys('T1'), 'given last first').to.deep.equal(['k2', 'k1', 'k4']);
    });
  });
}
