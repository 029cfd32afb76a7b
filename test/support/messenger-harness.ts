import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Relay, type Transport, type TransportConfig } from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import {
  createMessengerAdapter,
  type MessengerAdapter,
  type MessengerSettingsInput,
} from '@tvox-connector/adapter-messenger';
import { serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { quickRelay } from './quick-relay';
import { FakeGraphApi } from '../../adapters/messenger/test/support/fake-graph-api';
import {
  OTHER_PAGE_ID,
  PAGE_TOKENS,
  messengerSettings,
} from '../../adapters/messenger/test/support/messenger-fixtures';

export const AGENT = 'giulia';
const CONNECTOR = 'CONN';
const PASSWORD = 'conn-password';

/**
 * A whole connector for one Messenger channel in relay mode: the TVox simulator (profile
 * `tvox-mc-relay`), a fake Graph API, a SQLite store in a temporary folder, the relay with the
 * chosen transport and core's ledger behind the adapter, and a server mounting the adapter's
 * webhook and media route as the connector's own server does.
 */
export class MessengerHarness {
  simulator!: RunningSimulator;
  graph!: FakeGraphApi;
  server!: ServedAdapter;
  relay!: Relay;
  private current: MessengerAdapter | undefined;
  private readonly folder = mkdtempSync(join(tmpdir(), 'tvox-messenger-'));

  constructor(
    readonly transport: 'rest' | 'soap',
    private readonly settings: Partial<MessengerSettingsInput> = {},
  ) {}

  async start(): Promise<this> {
    this.simulator = await startSimulator({
      port: 0,
      services: [
        { code: 'SUPPORT', offerTimeoutMs: 60_000 },
        { code: 'SALES', offerTimeoutMs: 60_000 },
      ],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: CONNECTOR, password: PASSWORD }],
    });
    this.graph = await FakeGraphApi.start(PAGE_TOKENS);
    this.server = await serveAdapter(
      () => this.current,
      { accept: (activities) => this.relay.accept(activities) },
      { mount: '/webhooks/messenger' },
    );
    this.current = createMessengerAdapter(
      {
        id: 'messenger',
        settings: messengerSettings(this.graph.apiRoot, this.server.webhookUrl, this.settings),
        entryPoints: { [OTHER_PAGE_ID]: 'SALES' },
      },
      { ledger: { messages: (query) => this.relay.messages(query) } },
    );
    this.relay = quickRelay(
      {
        id: 'messenger',
        adapter: 'messenger',
        serviceCode: 'SUPPORT',
        // The channel's second Page routes to its own service.
        entryPoints: { [OTHER_PAGE_ID]: 'SALES' },
        settings: {},
      },
      this.current,
      this.tvoxTransport(),
      join(this.folder, 'connector.db'),
    );
    await this.relay.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await Promise.all([this.server.close(), this.graph.close(), this.simulator.stop()]);
    rmSync(this.folder, { recursive: true, force: true });
  }

  private tvoxTransport(): Transport {
    const config: TransportConfig = {
      connectorCode: CONNECTOR,
      tvox: {
        url: this.simulator.url,
        auth: { kind: 'basic', password: PASSWORD },
        timeoutMs: 2_000,
        connectTimeoutMs: 1_000,
        maxConnections: 4,
      },
      events: { mode: 'poll', intervalMs: 20, max: 100 },
    };
    return this.transport === 'rest' ? createRestTransport(config) : createSoapTransport(config);
  }
}
