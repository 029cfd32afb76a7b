import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConnectorConfig } from '@tvox-connector/cli';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { cli } from './support/run-cli';

/**
 * The command against a TVox that speaks the documented MCC 1.0: `doctor` binds the `mcc-1.0`
 * profile over SOAP and REST from configuration alone and says which mode results; `start`
 * refuses a routing-only release with one clear error, since this version relays messages only.
 */
describe('tvox-connector with the mcc-1.0 profile', function () {
  this.timeout(40_000);
  let folder: string;
  let simulator: RunningSimulator;

  before(async () => {
    simulator = await startSimulator({
      profile: 'mcc-1.0',
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
      channels: [{ id: 1 }, { id: 2, licensed: false }],
    });
    folder = mkdtempSync(join(tmpdir(), 'tvox-cli-mcc-'));
  });

  after(async () => {
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  function configFile(transport: 'soap' | 'rest'): string {
    const file = join(folder, `${transport}.yaml`);
    writeFileSync(
      file,
      stringify({
        connectorCode: 'CONN',
        transport,
        tvox: {
          url: simulator.url,
          profile: 'mcc-1.0',
          auth: { kind: 'basic', password: 'conn-password' },
        },
        store: { kind: 'sqlite', path: join(folder, `${transport}.db`) },
        server: { port: 0 },
        channels: [
          {
            id: 'webchat',
            adapter: 'webchat',
            serviceCode: 'SUPPORT',
            tvoxChannelId: 1,
            settings: { secret: 'a-webchat-secret-of-at-least-32-chars' },
          },
        ],
      }),
    );
    return file;
  }

  for (const transport of ['soap', 'rest'] as const) {
    it(`doctor passes over ${transport} and reports routing mode`, async () => {
      const run = await cli(['doctor', '--config', configFile(transport)]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(/PASS {2}TVox contract .*profile mcc-1\.0/);
      expect(run.stdout).to.include('openSession, closeSession, getSessionStatus');
      expect(run.stdout).to.include('mode: routing');
      expect(run.stdout).to.match(/PASS {2}TVox mode +routing \(tvox\.mode: auto\)/);
      expect(run.stdout).to.match(/PASS {2}TVox credentials .*UNKNOW/);
    });
  }

  it('doctor fails the mode relay forced on the documented MCC, naming the fix', async () => {
    const run = await cli(['doctor', '--config', configFile('rest')], {
      TVOX_CONNECTOR_TVOX__MODE: 'relay',
    });
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/FAIL {2}TVox mode +TVOX_ERR_CONFIG/);
    expect(run.stdout).to.include('set tvox.mode: routing');
  });

  it('doctor --probe opens and closes one real session per channel, and names a channel without licence', async () => {
    const good = await cli(['doctor', '--probe', '--config', configFile('soap')]);
    expect(good.code, good.stdout).to.equal(0);
    expect(good.stdout).to.match(
      /PASS {2}session webchat +opened and closed tc-doctor-\w+ on channel 1/,
    );
    const unlicensed = configFile('rest').replace('rest.yaml', 'unlicensed.yaml');
    writeFileSync(
      unlicensed,
      readFileSync(configFile('rest'), 'utf8').replace('tvoxChannelId: 1', 'tvoxChannelId: 2'),
    );
    const refused = await cli(['doctor', '--probe', '--config', unlicensed]);
    expect(refused.code).to.equal(1);
    expect(refused.stdout).to.match(/FAIL {2}session webchat +TVOX_ERR_NO_LICENSE/);
  });

  it('start refuses relay mode forced on a routing-only release with one error naming both fixes, before calling TVox', async () => {
    const run = await cli(['start', '--config', configFile('rest')], {
      // Nothing listens there: the refusal comes from the profile, not from TVox.
      TVOX_CONNECTOR_TVOX__URL: 'http://127.0.0.1:9',
      TVOX_CONNECTOR_TVOX__MODE: 'relay',
    });
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stderr)
      .to.include('tvox.mode')
      .and.to.include('tvox.mode: routing')
      .and.to.include('tvox.profile');
  });

  it('doctor names a channel without the TVox channel id the profile requires', async () => {
    const file = configFile('soap');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ *tvoxChannelId: 1\n/, ''));
    const run = await cli(['doctor', '--config', file]);
    expect(run.code).to.equal(1);
    expect(run.stdout)
      .to.match(/FAIL {2}TVox channels .*/)
      .and.to.include('channels.webchat.tvoxChannelId');
  });
});

describe('a profile file named in the configuration', () => {
  it('is read from beside the configuration file, wherever the command runs from', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tvox-cli-profile-'));
    try {
      writeFileSync(join(folder, 'release.yaml'), 'name: release\nextends: tvox-mc-relay\n');
      const file = join(folder, 'connector.yaml');
      writeFileSync(
        file,
        stringify({
          connectorCode: 'CONN',
          tvox: { url: 'http://127.0.0.1:9', profile: './release.yaml' },
          channels: [{ id: 'w', adapter: 'webchat', serviceCode: 'S', settings: {} }],
        }),
      );
      const config = await loadConnectorConfig({ file, env: {} });
      expect(config.tvox.profile).to.equal(join(folder, 'release.yaml'));
      const shipped = await loadConnectorConfig({
        file,
        env: { TVOX_CONNECTOR_TVOX__PROFILE: 'mcc-1.0' },
      });
      expect(shipped.tvox.profile).to.equal('mcc-1.0');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
