import { expect } from 'chai';
import fc from 'fast-check';
import {
  TRANSITIONS,
  UNKNOWN_TO_TVOX,
  applySessionInput,
  openedSessionState,
  type LifecycleInput,
  type LiveStatus,
  type SessionState,
  type SessionStatus,
} from '@tvox-connector/core';

const LIVE: readonly LiveStatus[] = ['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED'];
const ALL: readonly SessionStatus[] = [...LIVE, 'UNKNOW'];

function statusChanged(
  sequence: number,
  status: SessionStatus,
  agentCode?: string,
): LifecycleInput {
  return { type: 'statusChanged', sequence, status, ...(agentCode ? { agentCode } : {}) };
}

/** Applies inputs in order, returning every intermediate state (the first is `start`). */
function run(start: SessionState, inputs: readonly unknown[]): SessionState[] {
  const states = [start];
  for (const input of inputs) states.push(applySessionInput(states.at(-1)!, input).state);
  return states;
}

const statusArb = fc.constantFrom(...ALL);
const agentArb = fc.option(fc.constantFrom('a1', 'a2', 'a3'), { nil: undefined });
const inputArb: fc.Arbitrary<LifecycleInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 40 }), statusArb, agentArb)
      .map(([s, st, a]) => statusChanged(s, st, a)),
  },
  {
    weight: 2,
    arbitrary: statusArb.map((status) => ({ type: 'statusReported' as const, status })),
  },
  {
    weight: 1,
    arbitrary: fc.constant({ type: 'closedByConnector' as const, reason: 'customer left' }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'unknownToTvox' as const }) },
);
const startArb = fc.constantFrom(...ALL).map(openedSessionState);

describe('session lifecycle', () => {
  describe('transition table', () => {
    it('is total: a rule for every status pair', () => {
      for (const from of LIVE)
        for (const to of LIVE) expect(TRANSITIONS[from][to], `${from}→${to}`).to.be.a('string');
    });

    it('follows the normal flow NEW → QUEUED → BOOKED → ASSIGNED → CLOSED with one change each', () => {
      let state = openedSessionState('NEW');
      const changes: string[] = [];
      const flow: SessionStatus[] = ['QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED'];
      flow.forEach((status, i) => {
        const outcome = applySessionInput(
          state,
          statusChanged(i + 1, status, status === 'QUEUED' ? undefined : 'a1'),
        );
        expect(outcome.kind).to.equal('changed');
        if (outcome.kind === 'changed') changes.push(outcome.change);
        state = outcome.state;
      });
      expect(changes).to.deep.equal(['queued', 'offered', 'agentJoined', 'closed']);
      expect(state).to.deep.include({ status: 'CLOSED', statusSequence: 4, agent: { code: 'a1' } });
    });
  });

  it('accepts a skipped step: ASSIGNED straight after QUEUED', () => {
    const outcome = applySessionInput(openedSessionState('QUEUED'), {
      ...statusChanged(7, 'ASSIGNED', 'a2'),
      agentName: 'Giulia',
    });
    expect(outcome).to.deep.include({ kind: 'changed', change: 'agentJoined' });
    expect(outcome.state.agent).to.deep.equal({ code: 'a2', name: 'Giulia' });
  });

  it('requeues after an offer time-out and forgets the agent', () => {
    const booked = applySessionInput(
      openedSessionState('QUEUED'),
      statusChanged(1, 'BOOKED', 'a1'),
    ).state;
    const outcome = applySessionInput(booked, statusChanged(2, 'QUEUED'));
    expect(outcome).to.deep.include({ kind: 'changed', change: 'requeued' });
    expect(outcome.state.agent).to.equal(undefined);
  });

  it('reports a transfer as agentChanged, and a repeat of the same agent as unchanged', () => {
    const assigned = applySessionInput(
      openedSessionState('QUEUED'),
      statusChanged(1, 'ASSIGNED', 'a1'),
    ).state;
    const transfer = applySessionInput(assigned, statusChanged(2, 'ASSIGNED', 'a2'));
    expect(transfer).to.deep.include({ kind: 'changed', change: 'agentChanged' });
    const repeat = applySessionInput(transfer.state, statusChanged(3, 'ASSIGNED', 'a2'));
    expect(repeat).to.deep.include({ kind: 'ignored', reason: 'unchanged' });
    expect(repeat.state.statusSequence).to.equal(3);
  });

  it('ignores a stale event and an exact duplicate', () => {
    const state = applySessionInput(
      openedSessionState('QUEUED'),
      statusChanged(5, 'ASSIGNED', 'a1'),
    ).state;
    expect(applySessionInput(state, statusChanged(4, 'QUEUED'))).to.deep.equal({
      kind: 'ignored',
      state,
      reason: 'stale',
    });
    expect(applySessionInput(state, statusChanged(5, 'ASSIGNED', 'a1'))).to.deep.include({
      reason: 'stale',
    });
  });

  it('never leaves CLOSED, and reports why', () => {
    const closed = applySessionInput(
      openedSessionState('QUEUED'),
      statusChanged(1, 'CLOSED'),
    ).state;
    expect(applySessionInput(closed, statusChanged(2, 'ASSIGNED', 'a1'))).to.deep.include({
      reason: 'terminal',
    });
    expect(applySessionInput(closed, { type: 'statusReported', status: 'QUEUED' })).to.deep.include(
      { reason: 'terminal' },
    );
  });

  it('refuses a step back to NEW', () => {
    expect(
      applySessionInput(openedSessionState('QUEUED'), statusChanged(1, 'NEW')),
    ).to.deep.include({
      kind: 'ignored',
      reason: 'rejected',
    });
  });

  it('treats UNKNOW and UNKNOWN_SESSION as the session being gone', () => {
    const gone = applySessionInput(openedSessionState('ASSIGNED'), {
      type: 'statusReported',
      status: 'UNKNOW',
    });
    expect(gone).to.deep.include({ kind: 'changed', change: 'closed' });
    expect(gone.state).to.deep.include({ status: 'CLOSED', closeReason: UNKNOWN_TO_TVOX });
    expect(
      applySessionInput(openedSessionState('QUEUED'), { type: 'unknownToTvox' }).state.status,
    ).to.equal('CLOSED');
    expect(openedSessionState('UNKNOW').status).to.equal('CLOSED');
  });

  it('takes the agent a polled status names: joined, then a transfer, then the same agent again', () => {
    const queued = openedSessionState('QUEUED', 'routing');
    const joined = applySessionInput(queued, {
      type: 'statusReported',
      status: 'ASSIGNED',
      agentCode: 'giulia',
    });
    expect(joined).to.deep.include({ kind: 'changed', change: 'agentJoined' });
    expect(joined.state).to.deep.include({ agent: { code: 'giulia' }, mode: 'routing' });
    const moved = applySessionInput(joined.state, {
      type: 'statusReported',
      status: 'ASSIGNED',
      agentCode: 'marco',
      agentName: 'Marco Rossi',
    });
    expect(moved).to.deep.include({ kind: 'changed', change: 'agentChanged' });
    expect(moved.state.agent).to.deep.equal({ code: 'marco', name: 'Marco Rossi' });
    const again = applySessionInput(moved.state, { type: 'statusReported', status: 'ASSIGNED' });
    expect(again).to.deep.include({ kind: 'ignored', reason: 'unchanged' });
    // A polled status has no sequence: the events' stale check is not moved.
    expect(again.state.statusSequence).to.equal(0);
  });

  it('records the reason when the connector closes', () => {
    const outcome = applySessionInput(openedSessionState('ASSIGNED'), {
      type: 'closedByConnector',
      reason: 'idle',
    });
    expect(outcome.state).to.deep.include({ status: 'CLOSED', closeReason: 'idle' });
  });

  it('takes a StatusChangedEvent from the contract as it is', () => {
    const event = {
      type: 'statusChanged',
      sequence: 3,
      sessionId: 's-1',
      at: '2026-11-25T10:00:00Z',
      status: 'BOOKED',
      agentCode: 'a1',
      agentName: 'Marco',
    };
    expect(applySessionInput(openedSessionState('QUEUED'), event).state.agent).to.deep.equal({
      code: 'a1',
      name: 'Marco',
    });
  });

  describe('properties', () => {
    it('never throws, whatever it is given, and leaves state alone on invalid input', () => {
      fc.assert(
        fc.property(startArb, fc.anything(), (start, junk) => {
          const outcome = applySessionInput(start, junk);
          if (outcome.kind === 'ignored' && outcome.reason === 'invalid')
            expect(outcome.state).to.equal(start);
        }),
      );
    });

    it('never leaves CLOSED once there', () => {
      fc.assert(
        fc.property(startArb, fc.array(inputArb, { maxLength: 40 }), (start, inputs) => {
          const states = run(start, inputs);
          const firstClosed = states.findIndex((s) => s.status === 'CLOSED');
          if (firstClosed >= 0)
            for (const s of states.slice(firstClosed)) expect(s.status).to.equal('CLOSED');
        }),
      );
    });

    it('never moves on stale input, and the status sequence never decreases', () => {
      fc.assert(
        fc.property(startArb, fc.array(inputArb, { maxLength: 40 }), (start, inputs) => {
          let state = start;
          for (const input of inputs) {
            const outcome = applySessionInput(state, input);
            if (input.type === 'statusChanged' && input.sequence <= state.statusSequence) {
              expect(outcome).to.deep.equal({ kind: 'ignored', state, reason: 'stale' });
            }
            expect(outcome.state.statusSequence).to.be.at.least(state.statusSequence);
            state = outcome.state;
          }
        }),
      );
    });

    it('is idempotent under re-delivery: applying a stream twice equals applying it once', () => {
      const events = fc
        .array(fc.tuple(statusArb, agentArb), { maxLength: 20 })
        .map((list) => list.map(([status, agent], i) => statusChanged(i + 1, status, agent)));
      fc.assert(
        fc.property(startArb, events, (start, stream) => {
          const once = run(start, stream).at(-1);
          const twice = run(start, [...stream, ...stream]).at(-1);
          expect(twice).to.deep.equal(once);
        }),
      );
    });

    it('ends on the newest status whatever order the events arrive in', () => {
      // A realistic stream: distinct sequences, live statuses past NEW, CLOSED only as the last.
      const stream = fc
        .tuple(
          fc.array(
            fc.tuple(fc.constantFrom<LiveStatus>('QUEUED', 'BOOKED', 'ASSIGNED'), agentArb),
            { minLength: 1, maxLength: 12 },
          ),
          fc.boolean(),
        )
        .map(([list, closes]) => {
          const events = list.map(([status, agent], i) => statusChanged(i + 1, status, agent));
          if (closes) events.push(statusChanged(list.length + 1, 'CLOSED'));
          return events;
        });
      fc.assert(
        fc.property(
          stream.chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length }),
            ),
          ),
          ([inOrder, shuffled]) => {
            const newest = inOrder.at(-1) as Extract<LifecycleInput, { type: 'statusChanged' }>;
            const final = run(openedSessionState('NEW'), shuffled).at(-1)!;
            expect(final.status).to.equal(newest.status);
            expect(final.statusSequence).to.equal(newest.sequence);
          },
        ),
      );
    });
  });
});
