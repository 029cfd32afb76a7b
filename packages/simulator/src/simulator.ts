import { parseInput } from '@tvox-connector/core';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  SimulatorConfig,
  type SimulatorConfigInput,
  type SimulatorProfile,
} from './config/simulator-config.js';
import { startingDirectory } from './config/starting-directory.js';
import { AgentDesk } from './engine/agent-desk.js';
import { ConnectorCommands } from './engine/connector-commands.js';
import { Faults } from './engine/faults.js';
import { realScheduler, type Scheduler } from './engine/scheduler.js';
import { SimulatorState } from './engine/simulator-state.js';
import { loadSnapshot, saveSnapshot } from './engine/snapshot.js';
import { adminRoutes } from './http/admin-routes.js';
import { consoleRoutes } from './http/console-routes.js';
import { mccRestRoutes } from './http/mcc-rest-routes.js';
import { mccSoapRoutes } from './http/mcc-soap-routes.js';
import { restRoutes } from './http/rest-routes.js';
import { soapRoutes } from './http/soap-routes.js';
import { MccCommands } from './mcc/mcc-commands.js';
import { PushDispatcher, type PushOptions } from './push/push-dispatcher.js';
import { SimulatorClient } from './client/simulator-client.js';
import type { SoapRelease } from './contract-files.js';

/** Options of {@link startSimulator}: the configuration, plus what tests may replace. */
export interface SimulatorOptions extends SimulatorConfigInput {
  /** Time source for offer time-outs; real timers by default. */
  readonly scheduler?: Scheduler;
  /** Push retry and time-out settings. */
  readonly push?: Partial<PushOptions>;
  /**
   * Serve a TVox release whose SOAP names differ from the reference: its WSDL and schema, with
   * operations and fields translated through its operation map. Pushes keep the reference names.
   */
  readonly soapRelease?: SoapRelease;
  /** Where the simulator says what it decided on its own (the demo directory); `console.log`. */
  readonly log?: (line: string) => void;
}

/** A simulator serving on a port. */
export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:8090`: TVox endpoints are under `/mc/cxf/`. */
  readonly url: string;
  /** The profile it serves. */
  readonly profile: SimulatorProfile;
  /** A typed client of the admin and scripting API. */
  readonly client: SimulatorClient;
  /** Saves the snapshot (if configured), stops pushes and timers, and closes the server. */
  stop(): Promise<void>;
}

/** How long changes are gathered before the snapshot file is rewritten. */
const SNAPSHOT_DEBOUNCE_MS = 100;

/**
 * Starts a TVox multichannel simulator for the configured `profile`: SOAP at `/mc/cxf/soap` (WSDL
 * at `?wsdl`), REST at `/mc/cxf/rest` (WADL at `?_wadl`; mcc-1.0 operations under `/json/`), the
 * admin API at `/admin/api`, the agent console at `/console/`. Throws `InvalidInputError` for
 * invalid options.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { scheduler = realScheduler, push, soapRelease, log = console.log, ...input } = options;
  const config = parseInput(SimulatorConfig, input, 'simulator configuration');
  const routing = config.profile === 'mcc-1.0';
  // mcc-1.0 has no event operations: nothing would ever drain the connectors' streams.
  const state = new SimulatorState(scheduler, { eventStreams: !routing });
  const faults = new Faults(() => scheduler.now());
  const commands = new ConnectorCommands(state);
  const mccCommands = new MccCommands(state, config.channels);
  const desk = new AgentDesk(state);
  const directory = await startingDirectory(config, log);

  const applyDirectory = (): void => {
    for (const service of directory.services) state.upsertService(service);
    for (const agent of directory.agents) state.upsertAgent(agent);
    for (const connector of directory.connectors) state.upsertConnector(connector);
  };
  const reset = (): void => {
    state.dispose();
    for (const map of [
      state.sessions,
      state.openAnswers,
      state.sendAnswers,
      state.startAnswers,
      state.addressBook,
      state.services,
      state.agents,
      state.connectors,
    ]) {
      map.clear();
    }
    faults.clear();
    state.reindex();
    applyDirectory();
    state.changed('connector', '*');
  };

  applyDirectory();
  if (config.snapshotFile !== undefined) loadSnapshot(state, config.snapshotFile);
  const dispatcher = routing ? undefined : new PushDispatcher(state, faults, push);

  let pendingSave: NodeJS.Timeout | undefined;
  const snapshotFile = config.snapshotFile;
  if (snapshotFile !== undefined) {
    state.on('change', () => {
      pendingSave ??= setTimeout(() => {
        pendingSave = undefined;
        saveSnapshot(state, snapshotFile);
      }, SNAPSHOT_DEBOUNCE_MS);
    });
  }

  const app: FastifyInstance = Fastify({
    bodyLimit: config.bodyLimitBytes,
    logger: false,
    forceCloseConnections: true,
  });
  await app.register(
    routing
      ? mccSoapRoutes(state, mccCommands, faults, config.bodyLimitBytes)
      : soapRoutes(state, commands, faults, config.bodyLimitBytes, soapRelease),
    { prefix: '/mc/cxf/soap' },
  );
  await app.register(
    routing ? mccRestRoutes(state, mccCommands, faults) : restRoutes(state, commands, faults),
    { prefix: '/mc/cxf/rest' },
  );
  await app.register(
    adminRoutes({ state, desk, faults, reset, profile: config.profile, channels: config.channels }),
    { prefix: '/admin/api' },
  );
  await app.register(consoleRoutes);
  await app.listen({ host: config.host, port: config.port });

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  for (const connector of state.connectors.values()) dispatcher?.kick(connector.code);
  const client = new SimulatorClient(url);

  return {
    url,
    profile: config.profile,
    client,
    async stop() {
      if (pendingSave) clearTimeout(pendingSave);
      if (snapshotFile !== undefined) saveSnapshot(state, snapshotFile);
      state.dispose();
      await dispatcher?.stop();
      await client.close();
      await app.close();
    },
  };
}
