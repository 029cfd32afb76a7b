import type { TransportConfig } from '@tvox-connector/core';
import { openSessionRequest } from '@tvox-connector/testkit';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '@tvox-connector/simulator';

/** The service, agent and connectors every spec of this package uses. */
export const SERVICE = 'SUPPORT';
export const AGENT = 'agent1';
export const BASIC = { code: 'BASIC', password: 'basic-password' } as const;
export const WSSE = { code: 'WSSE', password: 'wsse-password' } as const;

/** A simulator on a free port with {@link SERVICE}, {@link AGENT} and the given connectors. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    services: [{ code: SERVICE, offerTimeoutMs: 60_000 }],
    agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
    push: { retryBaseMs: 20, retryMaxMs: 100 },
    ...options,
  });
}

/** A transport configuration for `connectorCode` at the simulator, polling every 20 ms. */
export function soapConfig(
  url: string,
  connectorCode: string,
  overrides: Partial<TransportConfig['tvox']> = {},
  events: TransportConfig['events'] = { mode: 'poll', intervalMs: 20, max: 50 },
): TransportConfig {
  return {
    connectorCode,
    tvox: {
      url,
      auth: { kind: 'none' },
      timeoutMs: 2_000,
      connectTimeoutMs: 1_000,
      maxConnections: 4,
      ...overrides,
    },
    events,
  };
}

/** Opens sessions with distinct keys. */
export function openRequest(id: string) {
  return openSessionRequest(id, SERVICE);
}
