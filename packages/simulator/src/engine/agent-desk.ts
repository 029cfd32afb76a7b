import { randomUUID } from 'node:crypto';
import { safeEqual, type Attachment } from '@tvox-connector/core';
import type { AgentRecord, Presence, SessionRecord } from './records.js';
import { SimulatorError } from './simulator-error.js';
import type { SimulatorState } from './simulator-state.js';

/** What an agent writes: a text, files, or both. */
export interface AgentReply {
  readonly text?: string;
  readonly attachments?: readonly Attachment[];
}

/**
 * What agents do, from the console or a test script: log in and out, set presence, accept or
 * decline an offered session, write, type, close. Each action checks the agent may do it and
 * throws `SimulatorError` otherwise, changing nothing.
 */
export class AgentDesk {
  constructor(private readonly state: SimulatorState) {}

  login(agentCode: string, password?: string): AgentRecord {
    const agent = this.agent(agentCode);
    if (
      agent.password !== undefined &&
      (password === undefined || !safeEqual(agent.password, password))
    ) {
      throw new SimulatorError('UNAUTHORIZED', `wrong password for agent ${agentCode}`);
    }
    if (agent.presence === 'offline') agent.lastOfferedAt = this.state.scheduler.now();
    agent.presence = 'available';
    this.state.changed('agent', agentCode);
    this.state.dispatch();
    return agent;
  }

  /** Logs the agent out; sessions offered to them go back to the queue, assigned ones stay. */
  logout(agentCode: string): void {
    const agent = this.agent(agentCode);
    agent.presence = 'offline';
    this.state.changed('agent', agentCode);
    for (const session of this.state.activeSessionsOf(agentCode)) {
      if (session.status === 'BOOKED') this.state.requeue(session, 'agent logged out');
    }
  }

  /** `available` receives offers, `away` does not (sessions in hand stay). */
  setPresence(agentCode: string, presence: Exclude<Presence, 'offline'>): void {
    const agent = this.agent(agentCode);
    if (agent.presence === 'offline') {
      throw new SimulatorError('CONFLICT', `agent ${agentCode} is logged out; log in first`);
    }
    agent.presence = presence;
    this.state.changed('agent', agentCode);
    this.state.dispatch();
  }

  accept(agentCode: string, sessionId: string): void {
    const session = this.heldSession(agentCode, sessionId, 'BOOKED');
    this.state.setStatus(session, 'ASSIGNED', { agentCode });
  }

  decline(agentCode: string, sessionId: string): void {
    const session = this.heldSession(agentCode, sessionId, 'BOOKED');
    this.state.requeue(session, 'declined by the agent');
  }

  /** Writes to the customer; returns the new message's id. */
  reply(agentCode: string, sessionId: string, reply: AgentReply): string {
    if (reply.text === undefined && (reply.attachments?.length ?? 0) === 0) {
      throw new SimulatorError('INVALID', 'a reply needs a text or at least one attachment');
    }
    const session = this.heldSession(agentCode, sessionId, 'ASSIGNED');
    const agent = this.agent(agentCode);
    const messageId = randomUUID();
    const at = this.state.timestamp();
    const attachments = [...(reply.attachments ?? [])];
    session.transcript.push({
      from: 'agent',
      messageId,
      ...(reply.text === undefined ? {} : { text: reply.text }),
      attachments,
      at,
      agentCode,
    });
    this.state.issue(session.connectorCode, {
      type: 'agentMessage',
      sessionId,
      at,
      messageId,
      agentCode,
      agentName: agent.name,
      ...(reply.text === undefined ? {} : { text: reply.text }),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    this.state.changed('session', sessionId);
    return messageId;
  }

  typing(agentCode: string, sessionId: string): void {
    const session = this.heldSession(agentCode, sessionId, 'ASSIGNED');
    this.state.issue(session.connectorCode, {
      type: 'agentTyping',
      sessionId,
      at: this.state.timestamp(),
      agentCode,
    });
  }

  close(agentCode: string, sessionId: string, reason = 'closed by the agent'): void {
    this.state.close(this.heldSession(agentCode, sessionId, 'ASSIGNED'), reason);
  }

  private agent(agentCode: string): AgentRecord {
    const agent = this.state.agents.get(agentCode);
    if (!agent) throw new SimulatorError('NOT_FOUND', `no agent with code ${agentCode}`);
    return agent;
  }

  /** The session, checked to be in `status` and held by the agent. */
  private heldSession(
    agentCode: string,
    sessionId: string,
    status: 'BOOKED' | 'ASSIGNED',
  ): SessionRecord {
    this.agent(agentCode);
    const session = this.state.sessions.get(sessionId);
    if (!session) throw new SimulatorError('NOT_FOUND', `no session ${sessionId}`);
    if (session.status !== status || session.agentCode !== agentCode) {
      const held = session.agentCode === undefined ? '' : ` with agent ${session.agentCode}`;
      throw new SimulatorError(
        'CONFLICT',
        `session ${sessionId} is ${session.status}${held}; this needs it ${status} with agent ${agentCode}`,
      );
    }
    return session;
  }
}
