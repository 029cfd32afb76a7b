import type { Attachment, SessionStatus } from '@tvox-connector/core';
import { Agent, request } from 'undici';
import type {
  AgentDefinition,
  ChannelDefinition,
  ConnectorDefinition,
  ServiceDefinition,
  SimulatorProfile,
} from '../config/simulator-config.js';
import type { FaultSettingsInput, FaultStatus } from '../engine/faults.js';
import type { SessionRecord } from '../engine/records.js';
import type { SimulatorErrorCode } from '../engine/simulator-error.js';
import type { AgentView, ConnectorView, DeskView } from '../engine/views.js';

type Input<T> = Omit<{ [K in keyof T]?: T[K] }, 'code'>;

/** A definition as the admin API takes it: the code is in the path, everything else optional. */
export type ServiceInput = Input<ServiceDefinition>;
export type AgentInput = Input<AgentDefinition> & { readonly name: string };
export type ConnectorInput = Input<ConnectorDefinition>;

/** The overview `GET /admin/api/state` returns. */
export interface SimulatorOverview {
  readonly profile: SimulatorProfile;
  /** The channels sessions start on, in the mcc-1.0 profile. */
  readonly channels?: readonly ChannelDefinition[];
  readonly services: readonly ServiceDefinition[];
  readonly agents: readonly AgentView[];
  readonly connectors: readonly ConnectorView[];
  readonly sessions: readonly {
    readonly sessionId: string;
    readonly connectorCode: string;
    readonly serviceCode: string;
    readonly status: SessionStatus;
    readonly agentCode?: string;
  }[];
  readonly faults: FaultStatus;
}

/** A connector's event stream as the admin API shows it. */
export type ConnectorEvents = ConnectorView & { readonly pending: SessionRecord['events'] };

/** The admin API refused a request; `code` and `status` say why. */
export class SimulatorRequestError extends Error {
  override readonly name = 'SimulatorRequestError';

  constructor(
    readonly status: number,
    readonly code: SimulatorErrorCode | 'TOO_LARGE' | 'INTERNAL',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A typed client of the simulator's admin and scripting API: set up services, agents and
 * connectors, act as an agent, read what a session received, and inject faults. Tests use it
 * to script TVox's side of a conversation.
 */
export class SimulatorClient {
  private readonly http = new Agent({ keepAliveTimeout: 10_000 });

  /** @param baseUrl the simulator's base URL, e.g. `http://127.0.0.1:8090` */
  constructor(readonly baseUrl: string) {}

  state(): Promise<SimulatorOverview> {
    return this.call('GET', '/state');
  }

  putService(code: string, service: ServiceInput = {}): Promise<ServiceDefinition> {
    return this.call('PUT', `/services/${encodeURIComponent(code)}`, service);
  }

  putAgent(code: string, agent: AgentInput): Promise<AgentView> {
    return this.call('PUT', `/agents/${encodeURIComponent(code)}`, agent);
  }

  putConnector(code: string, connector: ConnectorInput = {}): Promise<ConnectorView> {
    return this.call('PUT', `/connectors/${encodeURIComponent(code)}`, connector);
  }

  login(agentCode: string, password?: string): Promise<AgentView> {
    return this.call(
      'POST',
      `${this.agentPath(agentCode)}/login`,
      password === undefined ? {} : { password },
    );
  }

  logout(agentCode: string): Promise<AgentView> {
    return this.call('POST', `${this.agentPath(agentCode)}/logout`, {});
  }

  setPresence(agentCode: string, presence: 'available' | 'away'): Promise<AgentView> {
    return this.call('POST', `${this.agentPath(agentCode)}/presence`, { presence });
  }

  desk(agentCode: string): Promise<DeskView> {
    return this.call('GET', `${this.agentPath(agentCode)}/desk`);
  }

  accept(agentCode: string, sessionId: string): Promise<SessionRecord> {
    return this.call('POST', this.sessionPath(agentCode, sessionId, 'accept'), {});
  }

  decline(agentCode: string, sessionId: string): Promise<SessionRecord> {
    return this.call('POST', this.sessionPath(agentCode, sessionId, 'decline'), {});
  }

  /** Writes to the customer as the agent; resolves with the new message's id. */
  async reply(
    agentCode: string,
    sessionId: string,
    reply: { text?: string; attachments?: Attachment[] },
  ): Promise<string> {
    const { messageId } = await this.call<{ messageId: string }>(
      'POST',
      this.sessionPath(agentCode, sessionId, 'reply'),
      reply,
    );
    return messageId;
  }

  typing(agentCode: string, sessionId: string): Promise<SessionRecord> {
    return this.call('POST', this.sessionPath(agentCode, sessionId, 'typing'), {});
  }

  /** Closes the session as the agent. */
  closeSession(agentCode: string, sessionId: string, reason?: string): Promise<SessionRecord> {
    return this.call(
      'POST',
      this.sessionPath(agentCode, sessionId, 'close'),
      reason === undefined ? {} : { reason },
    );
  }

  /** Sessions, optionally of one connector and/or in one status. */
  sessions(filter: { connector?: string; status?: SessionStatus } = {}): Promise<SessionRecord[]> {
    const query = new URLSearchParams();
    if (filter.connector !== undefined) query.set('connector', filter.connector);
    if (filter.status !== undefined) query.set('status', filter.status);
    return this.call('GET', `/sessions${query.size > 0 ? `?${query.toString()}` : ''}`);
  }

  /** Everything a session received: its transcript and every event issued for it. */
  session(sessionId: string): Promise<SessionRecord> {
    return this.call('GET', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  /** A connector's event stream: sequences and the events not yet acknowledged. */
  events(connectorCode: string): Promise<ConnectorEvents> {
    return this.call('GET', `/connectors/${encodeURIComponent(connectorCode)}/events`);
  }

  injectFaults(faults: FaultSettingsInput): Promise<FaultStatus> {
    return this.call('POST', '/faults', faults);
  }

  clearFaults(): Promise<FaultStatus> {
    return this.call('DELETE', '/faults');
  }

  /** Back to the configured services, agents and connectors, with no sessions and no events. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset', {});
  }

  /** Closes the client's keep-alive connections. */
  async close(): Promise<void> {
    await this.http.close();
  }

  private agentPath(agentCode: string): string {
    return `/agents/${encodeURIComponent(agentCode)}`;
  }

  private sessionPath(agentCode: string, sessionId: string, action: string): string {
    return `${this.agentPath(agentCode)}/sessions/${encodeURIComponent(sessionId)}/${action}`;
  }

  private async call<T>(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await request(`${this.baseUrl}/admin/api${path}`, {
      method,
      dispatcher: this.http,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const payload = (await response.body.json()) as T & {
      error?: { code: SimulatorRequestError['code']; message: string };
    };
    if (response.statusCode >= 400) {
      const error = payload.error ?? {
        code: 'INTERNAL' as const,
        message: `HTTP ${response.statusCode}`,
      };
      throw new SimulatorRequestError(response.statusCode, error.code, error.message);
    }
    return payload;
  }
}
