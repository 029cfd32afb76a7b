import type { DeadLetter } from '@tvox-connector/core';
import type { Command } from 'commander';
import { CONFIG_OPTION } from './config-option.js';
import { ExitCode } from './cli-error.js';
import { withStore } from './open-store.js';

function line(letter: DeadLetter): string {
  return [
    letter.job.id.padStart(6),
    new Date(letter.failedAt).toISOString(),
    letter.job.kind.padEnd(15),
    letter.job.messageId ?? letter.job.lane,
    `${letter.failure.code}: ${letter.failure.message}`,
  ].join('  ');
}

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
      const letters = await withStore(options, (store) => store.listDeadLetters());
      for (const letter of letters) {
        process.stdout.write(`${options.json ? JSON.stringify(letter) : line(letter)}\n`);
      }
      if (!options.json && letters.length === 0) process.stdout.write('no dead letters\n');
    });
  deadLetters
    .command('replay')
    .description('put dead letters back in the outbox; the running connector sends them again')
    .argument('[ids...]', 'job ids to replay (see list)')
    .option('--all', 'replay every dead letter')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .action(async (ids: string[], options: { config?: string; all?: boolean }) => {
      if (ids.length === 0 && !options.all) {
        process.stderr.write('name the job ids to replay, or pass --all\n');
        process.exitCode = ExitCode.usage;
        return;
      }
      const { replayed, missing } = await withStore(options, async (store) => {
        const wanted = options.all ? (await store.listDeadLetters()).map((l) => l.job.id) : ids;
        const missed: string[] = [];
        for (const id of wanted) if (!(await store.replayDeadLetter(id))) missed.push(id);
        return { replayed: wanted.length - missed.length, missing: missed };
      });
      process.stdout.write(`replayed ${replayed} dead letter(s)\n`);
      if (missing.length > 0) {
        process.stderr.write(`no dead letter with id ${missing.join(', ')}\n`);
        process.exitCode = ExitCode.failure;
      }
    });
}
