import type { AgentRecord, ConnectorRecord, SessionRecord } from './records.js';
import type { SimulatorState } from './simulator-state.js';

/** An agent as the admin API shows it: no password. */
export interface AgentView {
  readonly code: string;
  readonly name: string;
  readonly skills: Readonly<Record<string, number>>;
  readonly capacity: number;
  readonly presence: AgentRecord['presence'];
  readonly activeSessions: number;
}

/** A connector as the admin API shows it: no password, no push secret. */
export interface ConnectorView {
  readonly code: string;
  readonly authenticated: boolean;
  readonly events:
    | { readonly mode: 'poll' }
    | {
        readonly mode: 'push';
        readonly url: string;
        readonly technology: 'rest' | 'soap';
        readonly auth: 'basic' | 'hmac';
      };
  readonly lastSequence: number;
  readonly ackedSequence: number;
  readonly pendingEvents: number;
}

/** What an agent's console shows: the agent, and the sessions offered, assigned or closed to them. */
export interface DeskView {
  readonly agent: AgentView;
  readonly sessions: readonly SessionRecord[];
}

/** Closed sessions kept on an agent's desk, newest first. */
const CLOSED_ON_DESK = 20;

export function agentView(state: SimulatorState, agent: AgentRecord): AgentView {
  return {
    code: agent.code,
    name: agent.name,
    skills: agent.skills,
    capacity: agent.capacity,
    presence: agent.presence,
    activeSessions: state.activeSessionsOf(agent.code).length,
  };
}

export function connectorView(connector: ConnectorRecord): ConnectorView {
  const events = connector.events;
  return {
    code: connector.code,
    authenticated: connector.password !== undefined,
    events:
      events.mode === 'poll'
        ? { mode: 'poll' }
        : { mode: 'push', url: events.url, technology: events.technology, auth: events.auth.kind },
    lastSequence: connector.lastSequence,
    ackedSequence: connector.ackedSequence,
    pendingEvents: connector.pending.length,
  };
}

export function deskView(state: SimulatorState, agent: AgentRecord): DeskView {
  const mine = [...state.sessions.values()].filter((s) => s.agentCode === agent.code);
  const active = mine.filter((s) => s.status !== 'CLOSED');
  const closed = mine
    .filter((s) => s.status === 'CLOSED')
    .sort((a, b) => (lastActivity(b) > lastActivity(a) ? 1 : -1))
    .slice(0, CLOSED_ON_DESK);
  return { agent: agentView(state, agent), sessions: [...active, ...closed] };
}

function lastActivity(session: SessionRecord): string {
  return session.events.at(-1)?.at ?? session.createdAt;
}
