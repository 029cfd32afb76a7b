import {
  endpointLines,
  loadSimulatorConfig,
  startSimulator,
  type SimulatorProfile,
} from '@tvox-connector/simulator';
import type { Command } from 'commander';
import { stopSignal } from './stop-signal.js';

interface SimulateOptions {
  readonly config?: string;
  readonly profile?: string;
  readonly port?: string;
  readonly host?: string;
  readonly snapshot?: string;
}

/** `tvox-connector simulate`: runs the TVox simulator (and its agent console). */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run the TVox simulator: SOAP and REST endpoints, agent console, admin API')
    .option('-c, --config <file>', 'simulator YAML (services, agents, connectors, channels)')
    .option('-P, --profile <name>', 'tvox-mc-relay (default) or mcc-1.0 (TVox MCC 1.0: routing)')
    .option('-p, --port <port>', 'port to listen on (default 8090, or the config’s)')
    .option('-H, --host <host>', 'address to listen on (default 127.0.0.1)')
    .option('-s, --snapshot <file>', 'keep the simulator’s state in this file across restarts')
    .action(async (options: SimulateOptions) => {
      const config = options.config === undefined ? {} : await loadSimulatorConfig(options.config);
      const simulator = await startSimulator({
        ...config,
        // Checked by startSimulator with the rest of the configuration.
        ...(options.profile === undefined ? {} : { profile: options.profile as SimulatorProfile }),
        ...(options.port === undefined ? {} : { port: Number(options.port) }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.snapshot === undefined ? {} : { snapshotFile: options.snapshot }),
      });
      process.stdout.write([...endpointLines(simulator), ''].join('\n'));
      await stopSignal();
      await simulator.stop();
    });
}
