import {
  applySessionInput,
  openedSessionState,
  type SessionState,
  type TvoxEvent,
} from '@tvox-connector/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { SimulatorError } from '../src/engine/simulator-error';
import { CONNECTOR, EngineHarness } from './support/engine-harness';

const AGENTS = ['a1', 'a2', 'a3'];

/** One step of a random script: a connector command, an agent action, time passing, or a poll. */
type Step =
  | { readonly kind: 'open' }
  | { readonly kind: 'send' | 'connectorClose'; readonly session: number }
  | { readonly kind: 'login' | 'logout' | 'away'; readonly agent: number }
  | {
      readonly kind: 'accept' | 'decline' | 'reply' | 'typing' | 'agentClose';
      readonly agent: number;
      readonly session: number;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'poll'; readonly max: number; readonly ack: boolean };

const index = fc.nat({ max: 7 });
const agent = fc.nat({ max: AGENTS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'open' as const }),
  fc.record({ kind: fc.constantFrom('send' as const, 'connectorClose' as const), session: index }),
  fc.record({ kind: fc.constantFrom('login' as const, 'logout' as const, 'away' as const), agent }),
  fc.record({
    kind: fc.constantFrom(
      'accept' as const,
      'decline' as const,
      'reply' as const,
      'typing' as const,
      'agentClose' as const,
    ),
    agent,
    session: index,
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 40_000 }) }),
  fc.record({
    kind: fc.constant('poll' as const),
    max: fc.integer({ min: 1, max: 5 }),
    ack: fc.boolean(),
  }),
);

/** Runs one step; agent actions the rules refuse throw SimulatorError and must change nothing. */
function run(h: EngineHarness, s: Step, sessions: string[], messages: { n: number }): void {
  const sessionAt = (i: number): string => sessions[i % Math.max(sessions.length, 1)] ?? 'none';
  const code = (i: number): string => AGENTS[i] ?? 'a1';
  switch (s.kind) {
    case 'open':
      sessions.push(h.open());
      return;
    case 'send':
      h.commands.sendMessage({
        connectorCode: CONNECTOR,
        sessionId: sessionAt(s.session),
        message: {
          messageId: `m${++messages.n}`,
          text: 'hello',
          sentAt: new Date(h.scheduler.now()).toISOString(),
        },
      });
      return;
    case 'connectorClose':
      h.commands.closeSession({ connectorCode: CONNECTOR, sessionId: sessionAt(s.session) });
      return;
    case 'advance':
      h.scheduler.advance(s.ms);
      return;
    case 'poll':
      return;
  }
  const before = h.state.connectors.get(CONNECTOR)?.lastSequence;
  try {
    switch (s.kind) {
      case 'login':
        h.desk.login(code(s.agent));
        return;
      case 'logout':
        h.desk.logout(code(s.agent));
        return;
      case 'away':
        h.desk.setPresence(code(s.agent), 'away');
        return;
      case 'accept':
        h.desk.accept(code(s.agent), sessionAt(s.session));
        return;
      case 'decline':
        h.desk.decline(code(s.agent), sessionAt(s.session));
        return;
      case 'reply':
        h.desk.reply(code(s.agent), sessionAt(s.session), { text: 'hi' });
        return;
      case 'typing':
        h.desk.typing(code(s.agent), sessionAt(s.session));
        return;
      case 'agentClose':
        h.desk.close(code(s.agent), sessionAt(s.session));
        return;
    }
  } catch (error) {
    expect(error).to.be.instanceOf(SimulatorError);
    expect(
      h.state.connectors.get(CONNECTOR)?.lastSequence,
      'a refused action issued events',
    ).to.equal(before);
  }
}

describe('simulator engine properties', () => {
  it('keeps a legal status flow, capacity, and a gap-free event stream under any interleaving', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const h = new EngineHarness(
          [{ offerTimeoutMs: 10_000 }],
          AGENTS.map((code) => ({ code, capacity: 2 })),
        );
        const sessions: string[] = [];
        const messages = { n: 0 };
        const received: TvoxEvent[] = [];
        let cursor = 0;

        for (const s of steps) {
          run(h, s, sessions, messages);
          if (s.kind === 'poll') {
            const batch =
              h.commands.pollEvents({ connectorCode: CONNECTOR, afterSequence: cursor, max: s.max })
                .events ?? [];
            received.push(...batch);
            cursor = batch.at(-1)?.sequence ?? cursor;
            if (s.ack && cursor > 0)
              h.commands.ackEvents({ connectorCode: CONNECTOR, upToSequence: cursor });
          }
          for (const agentCode of AGENTS) {
            const active = h.state.activeSessionsOf(agentCode).length;
            expect(active, `${agentCode} over capacity`).to.be.at.most(2);
          }
        }
        // Drain the rest: the consumer must then have seen 1..lastSequence, once each, in order.
        received.push(
          ...(h.commands.pollEvents({ connectorCode: CONNECTOR, afterSequence: cursor, max: 1000 })
            .events ?? []),
        );
        const last = h.state.connectors.get(CONNECTOR)?.lastSequence ?? 0;
        expect(received.map((e) => e.sequence)).to.deep.equal(
          Array.from({ length: last }, (_, i) => i + 1),
        );

        for (const session of h.state.sessions.values()) {
          let view: SessionState = openedSessionState('NEW');
          let closedAt: number | undefined;
          for (const event of session.events) {
            expect(closedAt, `event after CLOSED in ${session.sessionId}`).to.equal(undefined);
            if (event.type !== 'statusChanged') continue;
            const outcome = applySessionInput(view, event);
            expect(
              outcome.kind === 'ignored' ? outcome.reason : 'ok',
              `${view.status} → ${event.status}`,
            ).to.be.oneOf(['ok', 'unchanged']);
            view = outcome.state;
            if (event.status === 'CLOSED') closedAt = event.sequence;
          }
          expect(view.status).to.equal(session.status);
          const holdsAgent = session.status === 'BOOKED' || session.status === 'ASSIGNED';
          if (holdsAgent)
            expect(session.agentCode, `${session.status} without agent`).to.be.a('string');
          if (session.status === 'QUEUED') expect(session.agentCode).to.equal(undefined);
        }
      }),
      { numRuns: 200 },
    );
  });
});
