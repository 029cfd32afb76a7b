import { join } from 'node:path';
import { loadSimulatorConfig } from './load-config.js';
import type { SimulatorConfig } from './simulator-config.js';

/** The demo configuration shipped with the package (`demo.yaml`). */
export const DEMO_CONFIG_FILE = join(__dirname, '..', '..', 'demo.yaml');

/**
 * The connector mcc-1.0 calls belong to when no connector is configured: it has no password, so
 * calls need no credentials.
 */
export const DEFAULT_CONNECTOR_CODE = 'default';

/** The services, agents and connectors the simulator starts with (and goes back to on reset). */
export type Directory = Pick<SimulatorConfig, 'services' | 'agents' | 'connectors'>;

/**
 * The configured directory, completed so that a simulator is usable as it comes: with no
 * services and no agents it takes the demo's (`demo.yaml`: SUPPORT and SALES, giulia and marco)
 * and says so through `log`. Connectors: an mcc-1.0 simulator with none lets calls belong to a
 * password-less default one (the documented MCC sends no connector code); a tvox-mc-relay one with
 * nothing configured at all takes the demo's `CONNECTOR`, so that its commands are not all
 * answered UNAUTHORIZED.
 */
export async function startingDirectory(
  config: SimulatorConfig,
  log: (line: string) => void,
): Promise<Directory> {
  const { services, agents, connectors } = config;
  const relay = config.profile !== 'mcc-1.0';
  const empty = services.length === 0 && agents.length === 0;
  if (relay && !(empty && connectors.length === 0)) return { services, agents, connectors };
  const demo = empty ? await loadSimulatorConfig(DEMO_CONFIG_FILE) : undefined;
  if (demo) {
    log(
      `No services or agents configured: using the demo directory of ${DEMO_CONFIG_FILE} ` +
        `(services ${demo.services.map((s) => s.code).join(', ')}; ` +
        `agents ${demo.agents.map((a) => a.code).join(', ')}` +
        `${relay ? `; connectors ${demo.connectors.map((c) => c.code).join(', ')}` : ''})`,
    );
  }
  return {
    services: demo?.services ?? services,
    agents: demo?.agents ?? agents,
    connectors:
      connectors.length > 0
        ? connectors
        : relay
          ? (demo?.connectors ?? [])
          : [{ code: DEFAULT_CONNECTOR_CODE, events: { mode: 'poll' } }],
  };
}
