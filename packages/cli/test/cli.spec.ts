import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { expect } from 'chai';
import { DATABASE_URL, dropSchema, tempSchema } from '../../store-postgres/test/test-database';
import { writeConfigFile } from './support/config-file';
import { cli } from './support/run-cli';

describe('tvox-connector command', function () {
  this.timeout(40_000);
  let folder: string;
  let simulator: RunningSimulator;

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
  });

  after(async () => {
    await simulator.stop();
  });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-cli-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** A config file for the simulator; the password comes from $TVOX_PASSWORD. */
  function configFile(overrides: Record<string, unknown> = {}): string {
    return writeConfigFile(folder, simulator.url, '${TVOX_PASSWORD}', {
      channels: [
        {
          id: 'tg',
          adapter: 'telegram',
          serviceCode: 'SUPPORT',
          settings: {
            botToken: '123:abc',
            receive: { mode: 'polling' },
            fileLinks: { secret: '${FILE_SECRET:-0123456789abcdef0123456789abcdef}' },
          },
        },
      ],
      ...overrides,
    });
  }

  it('prints its version and the help of every command', async () => {
    expect((await cli(['--version'])).stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
    const help = await cli(['--help']);
    for (const command of ['start', 'simulate', 'inspect', 'doctor', 'messages', 'dead-letters']) {
      expect(help.stdout).to.include(command);
    }
    expect((await cli(['dead-letters', 'replay', '--help'])).stdout).to.include('--all');
  });

  it('refuses a command line it does not understand with exit code 2, saying what it takes', async () => {
    for (const args of [
      ['start', '--confg', 'x.yaml'],
      ['start', 'extra'],
      ['strat'],
      ['messages', '--direction', 'sideways'],
      ['messages', '--state', 'foo'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr, args.join(' ')).to.match(/^error: /m);
    }
    const sideways = await cli(['messages', '--direction', 'sideways']);
    expect(sideways.stderr).to.include('inbound, outbound');
    const state = await cli(['messages', '--state', 'foo']);
    expect(state.stderr).to.include('accepted, sent, delivered, read, failed');
    expect((await cli(['--version'])).code).to.equal(0);
    expect((await cli(['start', '--help'])).code).to.equal(0);
  });

  it('refuses what it does not know, naming what was meant and the variable that set it', async () => {
    const file = configFile({
      trasport: 'soap',
      channels: [
        { id: 'tg', adapter: 'telegram', serviceCode: '', settings: { botToken: 'nope' } },
      ],
    });
    const run = await cli(['doctor', '--config', file], {
      TVOX_PASSWORD: 'p',
      TVOX_CONNECTOR_SERVER__PORT: 'eighty',
      TVOX_CONNECTOR_TVOX__URLL: 'http://x',
    });
    expect(run.code).to.equal(2);
    for (const problem of [
      'setting "trasport" is not known here; did you mean "transport"?',
      'setting "urll" is not known here; did you mean "url"? (set by TVOX_CONNECTOR_TVOX__URLL)',
      'server.port: Invalid input: expected number, received string (set by TVOX_CONNECTOR_SERVER__PORT)',
      'channels.tg.serviceCode',
      'channels.tg.settings.botToken',
    ]) {
      expect(run.stdout).to.include(problem);
    }
  });

  it('refuses an invalid configuration with exit code 2, listing every problem at once', async () => {
    const file = configFile({
      transport: 'carrier-pigeon',
      channels: [
        { id: 'x', adapter: 'fax', serviceCode: 'SUPPORT' },
        { id: 'tg', adapter: 'telegram', serviceCode: 'SUPPORT', settings: { botToken: 'nope' } },
      ],
    });
    const run = await cli(['start', '--config', file]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('TVOX_ERR_CONFIG');
    expect(run.stderr).to.include(
      'tvox.auth.password: environment variable TVOX_PASSWORD is not set',
    );
    const withPassword = await cli(['start', '--config', file], { TVOX_PASSWORD: 'p' });
    expect(withPassword.code).to.equal(2);
    for (const problem of [
      'transport',
      'channels.x.adapter',
      'unknown adapter "fax"',
      'botToken',
      'fileLinks',
    ]) {
      expect(withPassword.stderr).to.include(problem);
    }
  });

  it('lets environment variables override the file', async () => {
    const file = configFile();
    const run = await cli(['doctor', '--config', file], {
      TVOX_PASSWORD: 'wrong',
      TVOX_CONNECTOR_TVOX__AUTH__PASSWORD: 'conn-password',
    });
    expect(run.stdout).to.include('PASS  TVox credentials');
  });

  it('doctor passes a good setup and names what is wrong in a broken one', async () => {
    const file = configFile();
    const good = await cli(['doctor', '--config', file], { TVOX_PASSWORD: 'conn-password' });
    expect(good.code, good.stdout).to.equal(0);
    for (const check of [
      'config',
      'channels',
      'store',
      'TVox contract',
      'TVox credentials',
      'callback',
    ]) {
      expect(good.stdout).to.match(new RegExp(`PASS  ${check}`));
    }
    expect(good.stdout).to.include('all checks passed');

    const badPassword = await cli(['doctor', '--config', file], { TVOX_PASSWORD: 'wrong' });
    expect(badPassword.code).to.equal(1);
    expect(badPassword.stdout).to.match(/FAIL {2}TVox credentials .*401/);

    const unreachable = await cli(['doctor', '--config', file], {
      TVOX_PASSWORD: 'conn-password',
      TVOX_CONNECTOR_TVOX__URL: 'http://127.0.0.1:9',
    });
    expect(unreachable.code).to.equal(1);
    expect(unreachable.stdout).to.match(/FAIL {2}TVox reachable/);
    expect(unreachable.stdout).to.match(/FAIL {2}TVox credentials +skipped/);

    const push = await cli(
      [
        'doctor',
        '--config',
        configFile({
          events: { mode: 'push', auth: { kind: 'hmac', secret: 'a-long-callback-secret' } },
          server: { publicUrl: 'http://127.0.0.1:9' },
        }),
      ],
      { TVOX_PASSWORD: 'conn-password' },
    );
    expect(push.stdout).to.match(/FAIL {2}callback .*is the connector running\?/);
  });

  it('doctor refuses a Telegram publicUrl where the connector serves no webhook', async () => {
    const withPublicUrl = (publicUrl: string) =>
      configFile({
        server: { publicUrl: 'https://connector.example.com' },
        channels: [
          {
            id: 'tg',
            adapter: 'telegram',
            serviceCode: 'SUPPORT',
            settings: {
              botToken: '123:abc',
              publicUrl,
              receive: { mode: 'webhook', secretToken: 'webhook-secret-0123456789' },
              fileLinks: { secret: '0123456789abcdef0123456789abcdef' },
            },
          },
        ],
      });
    const env = { TVOX_PASSWORD: 'conn-password' };
    const wrong = await cli(
      ['doctor', '--config', withPublicUrl('https://connector.example.com/channels/telegram')],
      env,
    );
    expect(wrong.code, 'a configuration problem').to.equal(2);
    expect(wrong.stdout).to.match(
      /FAIL {2}config [^]*channels\.tg\.settings\.publicUrl: .*serves this channel .* at \/webhooks\/tg/,
    );
    expect(wrong.stdout).to.include('https://connector.example.com/webhooks/tg');
    // Behind a proxy forwarding https://gateway.example.com/connector/... to the server's root.
    const proxied = await cli(
      ['doctor', '--config', withPublicUrl('https://gateway.example.com/connector/webhooks/tg')],
      env,
    );
    expect(proxied.stdout).to.match(/PASS {2}channels/);
  });

  it('picks the PostgreSQL store from the configuration alone', async () => {
    const schema = tempSchema();
    try {
      const run = await cli(['doctor', '--config', configFile()], {
        TVOX_PASSWORD: 'conn-password',
        TVOX_CONNECTOR_STORE: `{ kind: postgres, url: '${DATABASE_URL}', schema: ${schema} }`,
      });
      expect(run.stdout, run.stdout).to.match(/PASS {2}store +postgres ready/);
    } finally {
      await dropSchema(schema);
    }
  });

  it('inspect lists the operations of a WADL and of a WSDL with a profile skeleton', async () => {
    const wadl = await cli(['inspect', `${simulator.url}/mc/cxf/rest?_wadl`]);
    expect(wadl.code).to.equal(0);
    expect(wadl.stdout).to.include('6 methods');
    expect(wadl.stdout).to.include('sendMessage: # sendMessage: POST /sessions/{id}/messages');
    expect(wadl.stdout).to.include('extends: tvox-mc-relay');
    const wsdl = await cli(['inspect', `${simulator.url}/mc/cxf/soap?wsdl`]);
    expect(wsdl.code).to.equal(0);
    expect(wsdl.stdout).to.match(/WSDL .*: \d+ operations/);
    expect(wsdl.stdout).to.include('openSession');
    expect(wsdl.stdout).to.include('operations:');
    const missing = await cli(['inspect', join(folder, 'nothing.wsdl')]);
    expect(missing.code).to.equal(1);
  });

  it('new-adapter scaffolds a standalone adapter package outside the repository', async () => {
    const directory = join(folder, 'viber');
    const run = await cli([
      'new-adapter',
      'viber',
      '--directory',
      directory,
      '--package-name',
      '@acme/tvox-adapter-viber',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('wrote @acme/tvox-adapter-viber (standalone)');
    expect(run.stdout).to.include('npm install && npm run build && npm test');
    for (const file of ['tsconfig.json', 'tsconfig.build.json', 'eslint.config.mjs'])
      expect(existsSync(join(directory, file)), file).to.equal(true);
    for (const file of [
      'webhook/verify.ts',
      'webhook/parse.ts',
      'api/viber-client.ts',
      'README.md',
    ]) {
      expect(run.stdout).to.include(file);
      expect(
        existsSync(join(directory, 'src', file)) || existsSync(join(directory, file)),
      ).to.equal(true);
    }
    const again = await cli(['new-adapter', 'viber', '--directory', directory]);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('exists and is not empty');
    expect((await cli(['new-adapter', 'Not A Name', '-d', join(folder, 'x')])).code).to.equal(1);
  });

  it('messages and dead-letters read an empty ledger, and replay names unknown ids', async () => {
    const file = configFile();
    const env = { TVOX_PASSWORD: 'conn-password' };
    expect((await cli(['messages', '--config', file], env)).stdout).to.include('no messages');
    expect((await cli(['dead-letters', 'list', '--config', file], env)).stdout).to.include(
      'no dead letters',
    );
    const replay = await cli(['dead-letters', 'replay', '42', '--config', file], env);
    expect(replay.code).to.equal(1);
    expect(replay.stderr).to.include('no dead letter with id 42');
    expect((await cli(['dead-letters', 'replay', '--config', file], env)).code).to.equal(2);
    const badLimit = await cli(['messages', '--limit', 'many', '--config', file], env);
    expect(badLimit.code).to.equal(2);
  });
});
