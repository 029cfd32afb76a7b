import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { CommandOutput, OpenSessionOutput, TvoxEvent } from '@tvox-connector/core';
import type {
  AgentDefinition,
  ConnectorDefinition,
  ServiceDefinition,
} from '../config/simulator-config.js';
import type {
  AgentRecord,
  ConnectorRecord,
  IdempotentAnswer,
  SessionRecord,
  ServiceRecord,
} from './records.js';
import { hasSkills, pickAgent, type Candidate } from './routing.js';
import type { Scheduler } from './scheduler.js';
import type { StartSessionResult } from '../mcc/mcc-wire.js';

/** An event before the connector's stream numbers it. */
export type EventDraft = TvoxEvent extends infer E
  ? E extends TvoxEvent
    ? Omit<E, 'sequence'>
    : never
  : never;

/** What a session is started with; the state adds its live fields. */
export type NewSession = Omit<
  SessionRecord,
  | 'status'
  | 'agentCode'
  | 'queuedAt'
  | 'offerExpiresAt'
  | 'declinedBy'
  | 'closeReason'
  | 'createdAt'
  | 'transcript'
  | 'events'
>;

/** What changed, for live views (the agent console) and the snapshot writer. */
export interface StateChange {
  readonly kind: 'session' | 'agent' | 'service' | 'connector';
  readonly id: string;
}

interface StateEvents {
  change: [StateChange];
  /** An event was issued to a connector's stream. */
  issued: [connectorCode: string, event: TvoxEvent];
}

/** How the state keeps what it issues. */
export interface StateOptions {
  /**
   * Whether connectors' event streams keep unacknowledged events (true by default). A profile
   * with no event operations turns it off, so that nothing piles up that nobody will drain; each
   * session still records its own events.
   */
  readonly eventStreams?: boolean;
}

/**
 * The simulator's whole state and the rules that move it: the directory (services, agents,
 * connectors), sessions and their status flow, routing to agents with offer time-outs, and each
 * connector's event stream. Connector commands and agent actions call into it; nothing else
 * mutates it.
 */
export class SimulatorState extends EventEmitter<StateEvents> {
  readonly services = new Map<string, ServiceRecord>();
  readonly agents = new Map<string, AgentRecord>();
  readonly connectors = new Map<string, ConnectorRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  /** `openSession` answers by connector and `requestId`. */
  readonly openAnswers = new Map<string, IdempotentAnswer<OpenSessionOutput>>();
  /** `sendMessage` answers by session and `messageId`. */
  readonly sendAnswers = new Map<string, IdempotentAnswer<CommandOutput>>();
  /** mcc-1.0 `startSession` answers by the session id the caller chose. */
  readonly startAnswers = new Map<string, IdempotentAnswer<StartSessionResult>>();
  /** mcc-1.0 address book: contact value → contact UUID, as TVox finds a contact by its value. */
  readonly addressBook = new Map<string, string>();
  /** Each session's pending timer: entering the queue while NEW, its offer time-out while BOOKED. */
  private readonly timers = new Map<string, () => void>();
  /** Queued session ids, oldest first: routing never scans every session. */
  private readonly queue = new Set<string>();
  /** Agent code → ids of the sessions offered or assigned to them. */
  private readonly held = new Map<string, Set<string>>();

  private readonly eventStreams: boolean;

  constructor(
    readonly scheduler: Scheduler,
    options: StateOptions = {},
  ) {
    super();
    this.eventStreams = options.eventStreams ?? true;
  }

  /** The current time as the ISO string events carry. */
  timestamp(): string {
    return new Date(this.scheduler.now()).toISOString();
  }

  upsertService(definition: ServiceDefinition): void {
    const previous = this.services.get(definition.code);
    this.services.set(definition.code, {
      ...definition,
      ...(previous?.lastAgentCode ? { lastAgentCode: previous.lastAgentCode } : {}),
    });
    this.changed('service', definition.code);
    this.dispatch();
  }

  upsertAgent(definition: AgentDefinition): void {
    const previous = this.agents.get(definition.code);
    this.agents.set(definition.code, {
      ...definition,
      presence: previous?.presence ?? 'offline',
      lastOfferedAt: previous?.lastOfferedAt ?? this.scheduler.now(),
    });
    this.changed('agent', definition.code);
    this.dispatch();
  }

  upsertConnector(definition: ConnectorDefinition): void {
    const previous = this.connectors.get(definition.code);
    this.connectors.set(definition.code, {
      ...definition,
      lastSequence: previous?.lastSequence ?? 0,
      ackedSequence: previous?.ackedSequence ?? 0,
      pending: previous?.pending ?? [],
    });
    this.changed('connector', definition.code);
  }

  /** A fresh session id. */
  newSessionId(): string {
    return randomUUID();
  }

  /** Numbers `draft` in the connector's stream, records it, and announces it. */
  issue(connectorCode: string, draft: EventDraft): TvoxEvent {
    const connector = this.connectors.get(connectorCode);
    if (!connector) throw new Error(`connector ${connectorCode} vanished while issuing an event`);
    const event: TvoxEvent = { ...draft, sequence: ++connector.lastSequence };
    if (this.eventStreams) connector.pending.push(event);
    else connector.ackedSequence = connector.lastSequence;
    this.sessions.get(event.sessionId)?.events.push(event);
    this.emit('issued', connectorCode, event);
    this.changed('connector', connectorCode);
    return event;
  }

  /** Drops events up to `upToSequence` from the connector's pending stream: they are handled. */
  acknowledge(connectorCode: string, upToSequence: number): void {
    const connector = this.connectors.get(connectorCode);
    if (!connector || upToSequence <= connector.ackedSequence) return;
    connector.ackedSequence = upToSequence;
    connector.pending = connector.pending.filter((e) => e.sequence > upToSequence);
    this.changed('connector', connectorCode);
  }

  /**
   * Starts a session: NEW, then queued now or after its service's `queueDelayMs`, and offered to
   * a free agent as soon as it is queued.
   */
  open(fields: NewSession): SessionRecord {
    const session: SessionRecord = {
      ...fields,
      status: 'NEW',
      queuedAt: this.scheduler.now(),
      declinedBy: [],
      createdAt: this.timestamp(),
      transcript: [],
      events: [],
    };
    this.sessions.set(session.sessionId, session);
    const delayMs = this.services.get(session.serviceCode)?.queueDelayMs ?? 0;
    if (delayMs === 0) {
      this.setStatus(session, 'QUEUED');
      this.dispatch();
      return session;
    }
    session.queuedAt = this.scheduler.now() + delayMs;
    this.changed('session', session.sessionId);
    this.armTimer(session);
    return session;
  }

  /** Closes a session for `reason` and offers what waits to the agent it freed. */
  close(session: SessionRecord, reason: string): void {
    this.setStatus(session, 'CLOSED', { reason });
    this.dispatch();
  }

  /** Moves a session to `status`, issues the event, and reroutes. */
  setStatus(
    session: SessionRecord,
    status: SessionRecord['status'],
    details: { agentCode?: string; reason?: string } = {},
  ): void {
    this.cancelTimer(session.sessionId);
    session.status = status;
    if (details.agentCode !== undefined) session.agentCode = details.agentCode;
    if (status === 'QUEUED') {
      delete session.agentCode;
      session.queuedAt = this.scheduler.now();
    }
    if (status === 'CLOSED' && details.reason !== undefined) session.closeReason = details.reason;
    if (status !== 'BOOKED') delete session.offerExpiresAt;
    this.index(session);
    const agent = session.agentCode === undefined ? undefined : this.agents.get(session.agentCode);
    this.issue(session.connectorCode, {
      type: 'statusChanged',
      sessionId: session.sessionId,
      at: this.timestamp(),
      status,
      ...(status === 'BOOKED' || status === 'ASSIGNED'
        ? { agentCode: agent?.code, agentName: agent?.name }
        : {}),
      ...(details.reason === undefined ? {} : { reason: details.reason }),
    });
    this.changed('session', session.sessionId);
    if (session.agentCode !== undefined) this.changed('agent', session.agentCode);
  }

  /** Sessions offered to or assigned to an agent now. */
  activeSessionsOf(agentCode: string): SessionRecord[] {
    return [...(this.held.get(agentCode) ?? [])].flatMap((id) => this.sessions.get(id) ?? []);
  }

  /** Rebuilds the routing indexes from the sessions (after a snapshot is loaded, or a reset). */
  reindex(): void {
    this.queue.clear();
    this.held.clear();
    const bySequence = [...this.sessions.values()].sort((a, b) => a.queuedAt - b.queuedAt);
    for (const session of bySequence) this.index(session);
  }

  /** Files a session in the queue or under its agent, as its status says. */
  private index(session: SessionRecord): void {
    this.queue.delete(session.sessionId);
    for (const ids of this.held.values()) ids.delete(session.sessionId);
    if (session.status === 'QUEUED') this.queue.add(session.sessionId);
    const holds = session.status === 'BOOKED' || session.status === 'ASSIGNED';
    if (holds && session.agentCode !== undefined) {
      const ids = this.held.get(session.agentCode) ?? new Set<string>();
      ids.add(session.sessionId);
      this.held.set(session.agentCode, ids);
    }
  }

  /**
   * Offers queued sessions to free agents, oldest first per service, each service by its own
   * strategy. Runs after anything that can free an agent or queue a session.
   */
  dispatch(): void {
    if (![...this.agents.values()].some((a) => a.presence === 'available')) return;
    for (const id of [...this.queue]) {
      const session = this.sessions.get(id);
      if (session?.status !== 'QUEUED') continue;
      const service = this.services.get(session.serviceCode);
      if (!service) continue;
      const eligible = this.candidatesFor(service);
      const fresh = eligible.filter((c) => !session.declinedBy.includes(c.code));
      const chosen = pickAgent(service.strategy, fresh.length > 0 ? fresh : eligible, service);
      if (chosen) this.offer(session, service, chosen.code);
    }
  }

  /** Puts a BOOKED session back in the queue and remembers the agent let it go. */
  requeue(session: SessionRecord, reason: string): void {
    if (session.agentCode !== undefined && !session.declinedBy.includes(session.agentCode)) {
      session.declinedBy.push(session.agentCode);
    }
    const agentCode = session.agentCode;
    this.setStatus(session, 'QUEUED', { reason });
    if (agentCode !== undefined) this.changed('agent', agentCode);
    this.dispatch();
  }

  /**
   * Arms the session's timer for the time it has left: a NEW session enters the queue, a BOOKED
   * one's offer times out. Also re-arms them after a snapshot was restored.
   */
  armTimer(session: SessionRecord): void {
    const run = this.timerTask(session);
    if (!run) return;
    const cancel = this.scheduler.schedule(Math.max(0, run.at - this.scheduler.now()), () => {
      this.timers.delete(session.sessionId);
      run.task();
    });
    this.timers.set(session.sessionId, cancel);
  }

  /** Stops every timer; the state stays readable. */
  dispose(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  changed(kind: StateChange['kind'], id: string): void {
    this.emit('change', { kind, id });
  }

  private offer(session: SessionRecord, service: ServiceRecord, agentCode: string): void {
    const agent = this.agents.get(agentCode);
    if (!agent) return;
    agent.lastOfferedAt = this.scheduler.now();
    service.lastAgentCode = agentCode;
    session.offerExpiresAt = this.scheduler.now() + service.offerTimeoutMs;
    this.setStatus(session, 'BOOKED', { agentCode });
    this.armTimer(session);
  }

  /** What a session's timer does, and when; undefined when its status has no timer. */
  private timerTask(session: SessionRecord): { at: number; task: () => void } | undefined {
    if (session.status === 'NEW') {
      return {
        at: session.queuedAt,
        task: () => {
          if (session.status !== 'NEW') return;
          this.setStatus(session, 'QUEUED');
          this.dispatch();
        },
      };
    }
    if (session.status !== 'BOOKED' || session.offerExpiresAt === undefined) return undefined;
    const agentCode = session.agentCode;
    return {
      at: session.offerExpiresAt,
      task: () => {
        if (session.status === 'BOOKED' && session.agentCode === agentCode) {
          this.requeue(session, 'offer timed out');
        }
      },
    };
  }

  private cancelTimer(sessionId: string): void {
    this.timers.get(sessionId)?.();
    this.timers.delete(sessionId);
  }

  private candidatesFor(service: ServiceRecord): Candidate[] {
    return [...this.agents.values()]
      .filter((a) => a.presence === 'available' && hasSkills(a.skills, service.requiredSkills))
      .map((a) => ({ ...a, activeSessions: this.activeSessionsOf(a.code).length }))
      .filter((c) => c.activeSessions < c.capacity);
  }
}
