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

/** Whom the command runs as, when not as the test's own user (a test running as root). */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Runs the built `tvox-connector` command as a user would, with only `env` (and PATH) set, as
 * `runAs` if given.
 */
export function cli(
  args: readonly string[],
  env: Record<string, string> = {},
  runAs?: RunAs,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000, ...runAs },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
