import type { Command } from 'commander';
import { CONFIG_OPTION } from './config-option.js';

/** `tvox-connector doctor`: checks the setup end to end and prints a pass/fail list. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the config, the store, TVox (contract profile, credentials) and the callback',
    )
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .option(
      '--probe',
      'also open (and close) one real session per channel: checks its TVox channel id and licence',
    )
    .action(async (options: { config?: string; probe?: boolean }) => {
      const { runDoctor } = await import('./doctor-run.js');
      await runDoctor(options);
    });
}
