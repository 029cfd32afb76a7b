import type { DeadLetter } from '@tvox-connector/core';
import { ExitCode } from './exit-code.js';
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

/** The action of `dead-letters list` (loaded when the command runs). */
export async function runList(options: { config?: string; json?: boolean }): Promise<void> {
  const letters = await withStore(options, 'read', (store) => store.listDeadLetters());
  for (const letter of letters) {
    process.stdout.write(`${options.json ? JSON.stringify(letter) : line(letter)}\n`);
  }
  if (!options.json && letters.length === 0) process.stdout.write('no dead letters\n');
}

/** The action of `dead-letters replay` (loaded when the command runs). */
export async function runReplay(
  ids: string[],
  options: { config?: string; all?: boolean },
): Promise<void> {
  if (ids.length === 0 && !options.all) {
    process.stderr.write('name the job ids to replay, or pass --all\n');
    process.exitCode = ExitCode.usage;
    return;
  }
  const { replayed, missing } = await withStore(options, 'write', async (store) => {
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
}
