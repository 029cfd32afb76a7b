import type { Command } from 'commander';
import type { SimulateOptions } from './simulate-run.js';

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
      const { runSimulate } = await import('./simulate-run.js');
      await runSimulate(options);
    });
}
