import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually, freePort } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import { writeConfigFile } from './support/config-file';
import { BIN, cli } from './support/run-cli';

const FIXTURE = join(__dirname, 'fixtures', 'echo-adapter');
const WORKSPACE_MODULES = join(__dirname, '..', '..', '..', 'node_modules');
const SECRET = 'echo-secret-0123456789';
const AGENT = 'a1';

/**
 * A project folder outside the workspace, as an outside team has one after
 * `npm install @acme/tvox-adapter-echo` beside a `tvox-connector` installed elsewhere: the
 * adapter package with a copy of core of its own (npm installs its peers there), and core's
 * dependencies (linked to this workspace's, inversify among them).
 */
function outsideProject(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tvox-outside-'));
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, '@tvox-connector'), { recursive: true });
  for (const name of readdirSync(WORKSPACE_MODULES)) {
    if (name.startsWith('.') || name === '@tvox-connector') continue;
    symlinkSync(realpathSync(join(WORKSPACE_MODULES, name)), join(modules, name), 'dir');
  }
  const core = realpathSync(join(WORKSPACE_MODULES, '@tvox-connector', 'core'));
  for (const part of ['package.json', 'dist', 'profiles']) {
    cpSync(join(core, part), join(modules, '@tvox-connector', 'core', part), { recursive: true });
  }
  cpSync(FIXTURE, join(modules, '@acme', 'tvox-adapter-echo'), { recursive: true });
  return folder;
}

describe('an adapter package from outside the workspace, named in the configuration', function () {
  this.timeout(60_000);
  let simulator: RunningSimulator;
  let folder: string;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    folder = outsideProject();
  });

  afterEach(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  function configFile(adapter: string, settings: Record<string, unknown>, port = 0): string {
    return writeConfigFile(folder, simulator.url, 'conn-password', {
      events: { mode: 'poll', intervalMs: 50 },
      server: { host: '127.0.0.1', port },
      channels: [{ id: 'echo', adapter, serviceCode: 'SUPPORT', settings }],
    });
  }

  it('is started by `tvox-connector start` from configuration alone, both ways through TVox', async () => {
    const port = await freePort();
    const file = configFile('@acme/tvox-adapter-echo', { secret: SECRET }, port);
    // Started from `/`, as a service manager would: the package is found beside the configuration.
    const started = spawn(process.execPath, [BIN, 'start', '--config', file], {
      cwd: '/',
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await eventually(() => stderr.includes('listening on'), 20_000);
    const base = `http://127.0.0.1:${port}`;

    const refused = await request(`${base}/webhooks/echo`, {
      method: 'POST',
      headers: { 'x-echo-secret': 'wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ id: '0', chat: 'c1', from: 'ada', text: 'forged' }),
    });
    expect(refused.statusCode, "the adapter's own signature check").to.equal(401);
    await refused.body.dump();

    const accepted = await request(`${base}/webhooks/echo`, {
      method: 'POST',
      headers: { 'x-echo-secret': SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ id: '1', chat: 'c1', from: 'ada', text: 'Where is my parcel?' }),
    });
    expect(accepted.statusCode).to.equal(200);
    await accepted.body.dump();

    const client = simulator.client;
    let sessionId = '';
    await eventually(async () => {
      const [session] = await client.sessions({ connector: 'CONN' });
      sessionId = session?.sessionId ?? '';
      return session?.transcript.some((t) => t.text === 'Where is my parcel?') === true;
    }, 20_000);
    await client.login(AGENT);
    await client.accept(AGENT, sessionId);
    await client.reply(AGENT, sessionId, { text: 'It ships today.' });

    await eventually(async () => {
      const sent = await request(`${base}/webhooks/echo/sent`);
      const texts = ((await sent.body.json()) as { text?: string }[]).map((s) => s.text);
      return texts.includes('It ships today.');
    }, 20_000);
  });

  it("lists an adapter's own settings problems, and a package that is not installed, with exit 2", async () => {
    const path = join(folder, 'echo');
    cpSync(FIXTURE, path, { recursive: true });
    const badSettings = await cli(['start', '--config', configFile('./echo', { secret: 'short' })]);
    expect(badSettings.code).to.equal(2);
    expect(badSettings.stderr).to.include('channels.echo.settings.secret');

    const missing = await cli(['start', '--config', configFile('@acme/tvox-adapter-fax', {})]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('channels.echo.adapter');
    expect(missing.stderr).to.include('npm install @acme/tvox-adapter-fax');
  });
});
