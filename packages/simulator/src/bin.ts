#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isTvoxError } from '@tvox-connector/core';
import { loadSimulatorConfig } from './config/load-config.js';
import { startSimulator } from './simulator.js';

const USAGE = `Usage: tvox-simulator [options]

Runs a TVox multichannel simulator: SOAP at /mc/cxf/soap (?wsdl), REST at /mc/cxf/rest (?_wadl),
the admin API at /admin/api and the agent console at /console/.

Options:
  -c, --config <file>    YAML configuration (services, agents, connectors)
  -p, --port <port>      port to listen on (default 8090, or the config's)
  -H, --host <host>      address to listen on (default 127.0.0.1, or the config's)
  -s, --snapshot <file>  keep state in this file across restarts
  -h, --help             show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
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
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.snapshot === undefined ? {} : { snapshotFile: values.snapshot }),
  });
  console.log(`TVox simulator listening on ${simulator.url}`);
  console.log(`  SOAP    ${simulator.url}/mc/cxf/soap?wsdl`);
  console.log(`  REST    ${simulator.url}/mc/cxf/rest?_wadl`);
  console.log(`  console ${simulator.url}/console/`);
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
