import { expect } from 'chai';
import fc from 'fast-check';
import {
  SESSION_COLUMNS,
  resolveEventSession,
  sessionValues,
  toSessionRecord,
  type SessionRecord,
  type SessionRow,
} from '@tvox-connector/core';

/** A session opened at `openedAt` after the event `after`, with TVox's id `tvox` (or opening). */
function session(key: string, openedAt: number, after: number, tvox?: string): SessionRecord {
  return {
    sessionKey: key,
    ...(tvox === undefined ? {} : { tvoxSessionId: tvox }),
    conversation: { channel: 'webchat', id: key },
    serviceCode: 'SUPPORT',
    state: { status: 'QUEUED', statusSequence: 0 },
    openedAfterSequence: after,
    openedAt,
    updatedAt: openedAt,
  };
}

describe('matching a TVox event to a session', () => {
  const event = (sequence: number) => ({ sessionId: 'T1', sequence });

  it('applies an event to the newest session with its TVox id when it is newer than it', () => {
    const newest = session('k2', 20, 50, 'T1');
    expect(resolveEventSession(event(51), newest, [])).to.deep.equal({
      kind: 'session',
      session: newest,
    });
  });

  it('drops an event issued before the newest session with its id: it was an older one’s', () => {
    const newest = session('k2', 20, 50, 'T1');
    expect(resolveEventSession(event(50), newest, [])).to.deep.equal({
      kind: 'stale',
      session: newest,
    });
  });

  it('waits while no session has the id, or one opening since may be getting it', () => {
    const older = session('k1', 10, 5, 'T1');
    expect(resolveEventSession(event(9), undefined, [])).to.deep.equal({ kind: 'pending' });
    const opening = session('k2', 20, 8);
    expect(resolveEventSession(event(9), older, [opening])).to.deep.equal({ kind: 'pending' });
    expect(
      resolveEventSession(event(8), older, [opening]),
      'issued before that one was stored',
    ).to.deep.equal({ kind: 'session', session: older });
    expect(
      resolveEventSession(event(9), session('k3', 30, 5, 'T1'), [opening]),
      'opening since before the candidate',
    ).to.deep.include({ kind: 'session' });
  });

  it('never gives an event to a session stored after it was issued', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100 }),
        fc.nat({ max: 100 }),
        fc.array(fc.tuple(fc.nat({ max: 100 }), fc.nat({ max: 100 })), { maxLength: 4 }),
        (sequence, after, opening) => {
          const candidate = session('k', 50, after, 'T1');
          const resolved = resolveEventSession(
            event(sequence + 1),
            candidate,
            opening.map(([at, mark], i) => session(`o${i}`, at, mark)),
          );
          if (resolved.kind === 'session') expect(sequence + 1).to.be.greaterThan(after);
        },
      ),
    );
  });

  it('maps a session to the columns and back, an opening one without a TVox id', () => {
    const row = (record: SessionRecord): SessionRow => {
      const names = SESSION_COLUMNS.split(',').map((name) => name.trim());
      const values = sessionValues(record);
      return Object.fromEntries(names.map((name, i) => [name, values[i]])) as unknown as SessionRow;
    };
    for (const record of [session('k1', 1, 2, 'T1'), session('k2', 3, 4)]) {
      expect(toSessionRecord(row(record))).to.deep.equal(record);
    }
  });
});
