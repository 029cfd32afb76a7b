#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isTvoxError } from '@tvox-connector/core';
import { loadSimulatorConfig } from './config/load-config.js';
import type { SimulatorProfile } from './config/simulator-config.js';
import { endpointLines } from './endpoint-lines.js';
import { startSimulator } from './simulator.js';

const USAGE = `Usage: tvox-simulator [options]

Runs a TVox multichannel simulator: SOAP at /mc/cxf/soap (?wsdl), REST at /mc/cxf/rest (?_wadl),
the admin API at /admin/api and the agent console at /console/.

Options:
  -c, --config <file>    YAML configuration (services, agents, connectors, channels)
  -P, --profile <name>   tvox-mc-relay (default: the project's contract with messages and
                         events) or mcc-1.0 (TVox's documented MultiChannel Connector: routing)
  -p, --port <port>      port to listen on (default 8090, or the config's)
  -H, --host <host>      address to listen on (default 127.0.0.1, or the config's)
  -s, --snapshot <file>  keep state in this file across restarts
  -h, --help             show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
      profile: { type: 'string', short: 'P' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string', short: 'H' },
      snapshot: { type: 'string', short: 's' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = values.config === undefined ? {} : await loadSimulatorConfig(values.config);
  const simulator = await startSimulator({
    ...config,
    // Checked by startSimulator with the rest of the configuration.
    ...(values.profile === undefined ? {} : { profile: values.profile as SimulatorProfile }),
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.snapshot === undefined ? {} : { snapshotFile: values.snapshot }),
  });
  for (const line of endpointLines(simulator)) console.log(line);
  const stop = (): void => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(isTvoxError(error) || error instanceof Error ? error.message : String(error));
  process.exit(2);
});
