import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@tvox-connector/testkit';
import { request } from 'undici';
import { stringify } from 'yaml';

/** The built command, as the CLI package's bin entry runs it. */
const BIN = join(__dirname, '..', '..', 'packages', 'cli', 'dist', 'bin', 'tvox-connector.js');

/** A `tvox-connector start` process, with what it printed. */
export interface CliConnector {
  readonly child: ChildProcess;
  /** Its server's address, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Everything it wrote to standard output and standard error so far. */
  output(): string;
}

/**
 * Runs `tvox-connector start` as an operator would, on a configuration file written in `folder`:
 * `config(url)` given the server's own address (for `server.publicUrl` and channel links), with
 * `server` set to a free loopback port. Resolves once `/readyz` answers 200; rejects with its
 * output if it exits first or is not ready within 20 s.
 */
export async function startCliConnector(
  folder: string,
  name: string,
  config: (url: string) => Record<string, unknown>,
): Promise<CliConnector> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const file = join(folder, `${name}.yaml`);
  writeFileSync(
    file,
    stringify({ ...config(url), server: { host: '127.0.0.1', port, publicUrl: url } }),
  );
  const child = spawn(process.execPath, [BIN, 'start', '--config', file], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const connector: CliConnector = { child, url, output: () => output };
  const deadline = Date.now() + 20_000;
  while ((await readiness(connector)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not get ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return connector;
}

/** The status `/readyz` answers, or 0 when the connector does not answer at all. */
export async function readiness(connector: CliConnector): Promise<number> {
  try {
    const response = await request(`${connector.url}/readyz`, { headersTimeout: 5_000 });
    await response.body.dump();
    return response.statusCode;
  } catch {
    return 0;
  }
}
