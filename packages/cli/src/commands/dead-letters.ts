import type { Command } from 'commander';
import { CONFIG_OPTION } from './config-option.js';

/** `tvox-connector dead-letters list|replay`. */
export function registerDeadLetters(program: Command): void {
  const deadLetters = program
    .command('dead-letters')
    .description('list the jobs that failed for good, or send them again');
  deadLetters
    .command('list')
    .description('list dead letters, oldest first, with why they failed')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .option('--json', 'one JSON object per line')
    .action(async (options: { config?: string; json?: boolean }) => {
      const { runList } = await import('./dead-letters-run.js');
      await runList(options);
    });
  deadLetters
    .command('replay')
    .description('put dead letters back in the outbox; the running connector sends them again')
    .argument('[ids...]', 'job ids to replay (see list)')
    .option('--all', 'replay every dead letter')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .action(async (ids: string[], options: { config?: string; all?: boolean }) => {
      const { runReplay } = await import('./dead-letters-run.js');
      await runReplay(ids, options);
    });
}
