import type { Command } from 'commander';
import { CONFIG_OPTION } from './config-option.js';

/** `tvox-connector start`: runs the connector until SIGINT or SIGTERM. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the connector: channels, relay and TVox transport, as the config says')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .action(async (options: { config?: string }) => {
      const { runStart } = await import('./start-run.js');
      await runStart(options);
    });
}
