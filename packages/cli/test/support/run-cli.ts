import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The built command, as the package's bin entry runs it. */
export const BIN = join(__dirname, '..', '..', 'dist', 'bin', 'tvox-connector.js');

/** What one run of the command gave. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `tvox-connector` command as a user would, with only `env` (and PATH) set. */
export function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
