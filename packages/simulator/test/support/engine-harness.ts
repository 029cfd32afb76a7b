import type { OpenSessionInput, TvoxEvent } from '@tvox-connector/core';
import type { AgentDefinition, ServiceDefinition } from '@tvox-connector/simulator';
import { AgentDesk } from '../../src/engine/agent-desk';
import { ConnectorCommands } from '../../src/engine/connector-commands';
import { SimulatorState } from '../../src/engine/simulator-state';
import { ManualScheduler } from './manual-scheduler';

export const CONNECTOR = 'CONN1';

/** The simulator's engine without HTTP, on a manual clock, with one poll connector. */
export class EngineHarness {
  readonly scheduler = new ManualScheduler();
  readonly state = new SimulatorState(this.scheduler);
  readonly commands = new ConnectorCommands(this.state);
  readonly desk = new AgentDesk(this.state);
  private requests = 0;

  constructor(
    services: Partial<ServiceDefinition>[] = [{}],
    agents: (Partial<AgentDefinition> & { code: string })[] = [],
  ) {
    this.state.upsertConnector({ code: CONNECTOR, events: { mode: 'poll' } });
    for (const service of services) {
      this.state.upsertService({
        code: 'SUPPORT',
        requiredSkills: {},
        strategy: 'round-robin',
        offerTimeoutMs: 30_000,
        queueDelayMs: 0,
        ...service,
      });
    }
    for (const agent of agents)
      this.state.upsertAgent({ name: `Agent ${agent.code}`, skills: {}, capacity: 3, ...agent });
  }

  open(overrides: Partial<OpenSessionInput> = {}): string {
    const output = this.commands.openSession({
      connectorCode: CONNECTOR,
      serviceCode: 'SUPPORT',
      requestId: `r${++this.requests}`,
      contact: { id: `u${this.requests}`, channel: 'telegram' },
      channelSessionId: `chat-${this.requests}`,
      ...overrides,
    });
    if (output.result !== 'SUCCESS' || output.sessionId === undefined)
      throw new Error(`openSession failed: ${output.errorCode}`);
    return output.sessionId;
  }

  /** Every event issued so far (polled from 0, not acknowledged). */
  events(): TvoxEvent[] {
    return (
      this.commands.pollEvents({ connectorCode: CONNECTOR, afterSequence: 0, max: 1000 }).events ??
      []
    );
  }

  statuses(sessionId: string): string[] {
    return (this.state.sessions.get(sessionId)?.events ?? []).flatMap((e) =>
      e.type === 'statusChanged' ? [`${e.status}${e.agentCode ? `:${e.agentCode}` : ''}`] : [],
    );
  }
}
