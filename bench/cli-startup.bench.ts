// How long `tvox-connector --version` and `--help` take to answer, against the floor of starting
// Node itself with nothing to do (measured in the same run). The command loads what a command
// needs only when that command runs, so these two should stay close to the floor: the goal is
// under 0.3 s on a 2-core machine.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { measure, report } from './harness';

const BIN = join(__dirname, '..', 'packages', 'cli', 'bin', 'tvox-connector.js');

/** One process run of `args` to its end, as a shell would start it. */
function run(args: readonly string[]): () => Promise<void> {
  return () => {
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    return Promise.resolve();
  };
}

async function main(): Promise<void> {
  const options = { operations: 20, concurrency: 1, warmup: 3 };
  const floor = await measure('node -e "" (the floor)', run(['-e', '']), options);
  const version = await measure('tvox-connector --version', run([BIN, '--version']), options);
  const help = await measure('tvox-connector --help', run([BIN, '--help']), options);
  report('CLI start-up, one process at a time', floor, [version, help]);
  for (const row of [version, help]) {
    console.log(`${row.name}: ${(row.p50Ms / 1000).toFixed(2)} s (p50; goal under 0.30 s)`);
  }
}

void main();
