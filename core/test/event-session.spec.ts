import { expect } from 'chai';
import fc from 'fast-check';
import {
  SESSION_COLUMNS,
  resolveEventSession,
  sessionValues,
  toSessionRecord,
  type EventSessionResolution,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';

/**
 * A session of its own conversation opened after the event `after`: given TVox's id `tvox` at
 * `openedAt`, or opening with a call unanswered since `openedAt`.
 */
function session(key: string, openedAt: number, after: number, tvox?: string): SessionRecord {
  return {
    sessionKey: key,
    ...(tvox === undefined
      ? { unansweredCallAt: openedAt }
      : { tvoxSessionId: tvox, tvoxIdAt: openedAt }),
    conversation: { channel: 'webchat', id: key },
    serviceCode: 'SUPPORT',
    state: { status: 'QUEUED', statusSequence: 0 },
    openedAfterSequence: after,
    openedAt,
    updatedAt: openedAt,
  };
}

const closed = (record: SessionRecord): SessionRecord => ({
  ...record,
  state: { status: 'CLOSED', statusSequence: 0 },
});

describe('matching a TVox event to a session', () => {
  const event = (sequence: number) => ({ sessionId: 'T1', sequence, recordedAt: 100 });
  const resolve = (
    sequence: number,
    named: SessionRecord[],
    unanswered: SessionRecord[] = [],
  ): EventSessionResolution => resolveEventSession(event(sequence), { named, unanswered });

  it('applies an event to the session TVox gave its id when it is newer than it', () => {
    const holder = session('k2', 20, 50, 'T1');
    expect(resolve(51, [holder])).to.deep.equal({ kind: 'session', session: holder });
  });

  it('drops an event issued before the session TVox gave its id: it was an older one’s', () => {
    const holder = session('k2', 20, 50, 'T1');
    expect(resolve(50, [holder])).to.deep.equal({ kind: 'stale', session: holder });
  });

  it('prefers the holder not CLOSED, then the one given the id last, whenever its row was stored', () => {
    const early = session('k1', 10, 5, 'T1');
    // Stored later, given the id earlier: TVox gave it away since.
    const late = { ...session('k2', 30, 6, 'T1'), tvoxIdAt: 5 };
    expect(resolve(9, [closed(late), early])).to.deep.include({ session: early });
    expect(resolve(9, [closed(late), closed(early)])).to.deep.include({ session: closed(early) });
  });

  it('applies an event named by a key to its session at once while it is opening', () => {
    const opening = session('T1', 10, 5);
    expect(resolve(6, [opening], [opening, session('k9', 11, 5)])).to.deep.equal({
      kind: 'session',
      session: opening,
    });
  });

  it('takes a key for a TVox id like any once the session has one: an old row keyed so loses to a newer holder', () => {
    const migrated = closed(session('T1', 10, 0, 'T1'));
    const newer = session('k2', 20, 5, 'T1');
    expect(resolve(6, [newer, migrated])).to.deep.include({ session: newer });
  });

  it('waits while no session has the id, or one with an unanswered call may be getting it', () => {
    const older = session('k1', 10, 5, 'T1');
    expect(resolve(9, [])).to.deep.equal({ kind: 'pending', reason: 'unknown' });
    const opening = session('k2', 20, 8);
    expect(resolve(9, [older], [opening])).to.deep.equal({
      kind: 'pending',
      reason: 'unanswered',
    });
    expect(
      resolveEventSession(
        { ...event(9), recordedAt: 19 },
        { named: [older], unanswered: [opening] },
      ),
      'recorded before that call started: not its event',
    ).to.deep.include({ kind: 'session' });
    expect(resolve(8, [older], [opening]), 'issued before that one was stored').to.deep.equal({
      kind: 'session',
      session: older,
    });
    expect(
      resolve(9, [session('k3', 30, 5, 'T1')], [opening]),
      'its call started before the holder got the id',
    ).to.deep.include({ kind: 'session' });
    const answered = { ...opening, unansweredCallAt: undefined };
    expect(resolve(9, [older], [answered]), 'TVox answered its call').to.deep.include({
      kind: 'session',
    });
  });

  it('never gives an event to a session stored after it was issued, nor while a call may be giving its id', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.nat({ max: 100 }),
        fc.array(fc.tuple(fc.nat({ max: 100 }), fc.nat({ max: 100 })), { maxLength: 4 }),
        (sequence, after, unanswered) => {
          const candidate = session('k', 50, after, 'T1');
          const opening = unanswered.map(([at, mark], i) => session(`o${i}`, at, mark));
          const resolved = resolve(sequence + 1, [candidate], opening);
          if (resolved.kind !== 'session') return;
          expect(sequence + 1).to.be.greaterThan(after);
          for (const other of opening) {
            const mayGetIt =
              other.openedAfterSequence < sequence + 1 &&
              other.openedAt >= 50 &&
              other.openedAt <= 100;
            expect(mayGetIt, `${other.sessionKey} may be getting T1`).to.equal(false);
          }
        },
      ),
    );
  });

  it('maps a session to the columns and back, an opening one without a TVox id', () => {
    const row = (record: SessionRecord): SessionRow => {
      const names = SESSION_COLUMNS;
      const values = sessionValues(record);
      return Object.fromEntries(names.map((name, i) => [name, values[i]])) as unknown as SessionRow;
    };
    for (const record of [session('k1', 1, 2, 'T1'), session('k2', 3, 4)]) {
      expect(toSessionRecord(row(record))).to.deep.equal(record);
    }
  });
});
