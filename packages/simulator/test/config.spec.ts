import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError } from '@tvox-connector/core';
import { loadSimulatorConfig } from '@tvox-connector/simulator';
import { request } from 'undici';

const PACKAGE = join(__dirname, '..');
const BIN = join(PACKAGE, 'dist', 'bin.js');

/** Runs the `tvox-simulator` command until it prints `until`, or exits. */
function runBin(args: string[], until?: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (until?.test(output)) resolve(output);
    });
    void exited.then(() =>
      until ? reject(new Error(`exited before ready:\n${output}`)) : resolve(output),
    );
  });
  return { child, ready, exited, output: () => output };
}

describe('simulator configuration and command', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-sim-config-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the demo configuration shipped with the package', async () => {
    const config = await loadSimulatorConfig(join(PACKAGE, 'demo.yaml'));
    expect(config.services.map((s) => [s.code, s.strategy])).to.deep.equal([
      ['SUPPORT', 'longest-idle'],
      ['SALES', 'skill-priority'],
    ]);
    expect(config.agents.map((a) => a.code)).to.deep.equal(['giulia', 'marco']);
    expect(config.port).to.equal(8090);
  });

  it('lists every problem of a bad configuration', async () => {
    const file = join(folder, 'bad.yaml');
    writeFileSync(
      file,
      'services:\n  - strategy: random\nagents:\n  - code: a1\n    capacity: 0\n',
    );
    try {
      await loadSimulatorConfig(file);
      expect.fail('should be refused');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const paths = (error as ConfigError).issues.map((i) => i.path);
      expect(paths).to.have.members([
        'services.0.code',
        'services.0.strategy',
        'agents.0.name',
        'agents.0.capacity',
      ]);
    }
  });

  it('reports a YAML syntax error with its place', async () => {
    const file = join(folder, 'broken.yaml');
    writeFileSync(file, 'services: [\n');
    try {
      await loadSimulatorConfig(file);
      expect.fail('should be refused');
    } catch (error) {
      expect((error as Error).message).to.match(/cannot read .*broken\.yaml.*line/is);
    }
  });

  it('runs as a command: serves the console, then stops cleanly on SIGTERM', async function () {
    this.timeout(15_000);
    const run = runBin(
      ['--config', join(PACKAGE, 'demo.yaml'), '--port', '0'],
      /console (http\S+)/,
    );
    const output = await run.ready;
    const consoleUrl = /console (http\S+)/.exec(output)?.[1] ?? '';
    const state = await request(consoleUrl.replace('/console/', '/admin/api/state'));
    expect(((await state.body.json()) as { agents: unknown[] }).agents).to.have.length(2);
    run.child.kill('SIGTERM');
    expect(await run.exited).to.equal(0);
  });

  it('runs the mcc-1.0 profile with --profile, on the demo directory when none is configured', async function () {
    this.timeout(15_000);
    const run = runBin(['--profile', 'mcc-1.0', '--port', '0'], /console (http\S+)/);
    const output = await run.ready;
    expect(output)
      .to.match(/demo directory/)
      .and.match(/TVox simulator \(mcc-1\.0\) listening/);
    const base = /listening on (http\S+)/.exec(output)?.[1] ?? '';
    const wadl = await (await request(`${base}/mc/cxf/rest?_wadl`)).body.text();
    expect(wadl).to.contain(`${base}/mc/cxf/rest/json`);
    run.child.kill('SIGTERM');
    expect(await run.exited).to.equal(0);
  });

  it('reads channels, refusing a repeated id, and a profile it does not know', async () => {
    const file = join(folder, 'channels.yaml');
    writeFileSync(
      file,
      'profile: mcc-2\nchannels:\n  - { id: 1 }\n  - { id: 1, licensed: false }\n',
    );
    try {
      await loadSimulatorConfig(file);
      expect.fail('should be refused');
    } catch (error) {
      const paths = (error as ConfigError).issues.map((i) => i.path);
      expect(paths).to.have.members(['profile', 'channels']);
    }
  });

  it('exits with code 2 and the problems when the configuration is invalid', async function () {
    this.timeout(15_000);
    const file = join(folder, 'bad.yaml');
    writeFileSync(file, 'port: 99999\n');
    const run = runBin(['--config', file]);
    expect(await run.exited).to.equal(2);
    expect(run.output()).to.contain('port');
  });
});
