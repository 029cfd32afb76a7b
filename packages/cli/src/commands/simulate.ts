import { loadSimulatorConfig, startSimulator } from '@tvox-connector/simulator';
import type { Command } from 'commander';
import { stopSignal } from './stop-signal.js';

interface SimulateOptions {
  readonly config?: string;
  readonly port?: string;
  readonly host?: string;
  readonly snapshot?: string;
}

/** `tvox-connector simulate`: runs the TVox simulator (and its agent console). */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run the TVox simulator: SOAP and REST endpoints, agent console, admin API')
    .option('-c, --config <file>', 'simulator YAML (services, agents, connectors)')
    .option('-p, --port <port>', 'port to listen on (default 8090, or the config’s)')
    .option('-H, --host <host>', 'address to listen on (default 127.0.0.1)')
    .option('-s, --snapshot <file>', 'keep the simulator’s state in this file across restarts')
    .action(async (options: SimulateOptions) => {
      const config = options.config === undefined ? {} : await loadSimulatorConfig(options.config);
      const simulator = await startSimulator({
        ...config,
        ...(options.port === undefined ? {} : { port: Number(options.port) }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.snapshot === undefined ? {} : { snapshotFile: options.snapshot }),
      });
      process.stdout.write(
        [
          `TVox simulator listening on ${simulator.url}`,
          `  SOAP    ${simulator.url}/mc/cxf/soap?wsdl`,
          `  REST    ${simulator.url}/mc/cxf/rest?_wadl`,
          `  console ${simulator.url}/console/`,
          '',
        ].join('\n'),
      );
      await stopSignal();
      await simulator.stop();
    });
}
