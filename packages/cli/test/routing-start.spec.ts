import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChannelContribution,
  parseConnectorConfig,
  type AdapterPackage,
} from '@tvox-connector/core';
import { createLogger, startConnector, type RunningConnector } from '@tvox-connector/cli';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { request } from 'undici';
import { FakeChannel } from '../../../test/support/fake-channel';
import { LogCapture } from './support/log-capture';

const WEBHOOK_SECRET = 'webhook-secret-value';

describe('connector assembled from config against the documented MCC (routing mode)', function () {
  this.timeout(30_000);
  let folder: string;
  let simulator: RunningSimulator;
  let connector: RunningConnector | undefined;
  const channel = new FakeChannel('web', WEBHOOK_SECRET);
  const fake: AdapterPackage = {
    network: 'fake',
    parseSettings: () => ({}),
    module: () =>
      new ContainerModule(({ bind }) => {
        bind(ChannelContribution).toDynamicValue(() => ({ adapter: channel }));
      }),
  };

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-cli-routing-'));
    simulator = await startSimulator({
      profile: 'mcc-1.0',
      channels: [{ id: 1 }],
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
  });

  after(async () => {
    await connector?.stop();
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts with mcc-1.0 in auto mode, and sends the desk link below its public URL as the session data', async () => {
    const config = parseConnectorConfig({
      connectorCode: 'CONN',
      tvox: {
        url: simulator.url,
        profile: 'mcc-1.0',
        auth: { kind: 'basic', password: 'conn-password' },
      },
      channels: [{ id: 'web', adapter: 'fake', serviceCode: 'SUPPORT', tvoxChannelId: 1 }],
      store: { kind: 'sqlite', path: join(folder, 'db.sqlite') },
      server: { port: 0 },
    });
    connector = await startConnector(config, {
      logger: createLogger({ level: 'warn', destination: new LogCapture() }),
      adapters: { fake },
    });
    const { publicUrl } = connector;
    const accepted = await request(`${publicUrl}/webhooks/web`, {
      method: 'POST',
      headers: { 'x-fake-token': WEBHOOK_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ id: '1', chat: 'c1', from: 'u', text: 'hi' }),
    });
    expect(accepted.statusCode).to.equal(200);
    await eventually(
      async () => (await simulator.client.sessions({ connector: 'CONN' })).length === 1,
    );
    const [session] = await simulator.client.sessions({ connector: 'CONN' });
    expect(session!.channelData).to.equal(`${publicUrl}/desk/sessions/${session!.sessionId}`);
    expect(session!.transcript).to.deep.equal([]);
  });
});
