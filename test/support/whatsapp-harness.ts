import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Relay, type Transport, type TransportConfig } from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import {
  createWhatsAppAdapter,
  type WhatsAppAdapter,
  type WhatsAppSettingsInput,
} from '@tvox-connector/adapter-whatsapp';
import { serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { quickRelay } from './quick-relay';
import { FakeWhatsAppApi } from '../../adapters/whatsapp/test/support/fake-whatsapp-api';
import {
  NUMBER_TOKENS,
  OTHER_PHONE_NUMBER_ID,
  whatsappSettings,
} from '../../adapters/whatsapp/test/support/whatsapp-fixtures';

export const AGENT = 'giulia';
const CONNECTOR = 'CONN';
const PASSWORD = 'conn-password';
/** The second number routes to its own service. */
const ENTRY_POINTS = { [OTHER_PHONE_NUMBER_ID]: 'SALES' };

/**
 * A whole connector for one WhatsApp channel in relay mode: the TVox simulator (profile
 * `tvox-mc-relay`), a fake Cloud API, a SQLite store in a temporary folder, the relay with the
 * chosen transport and core's ledger behind the adapter, and a server mounting the adapter's
 * webhook and media route as the connector's own server does.
 */
export class WhatsAppHarness {
  simulator!: RunningSimulator;
  api!: FakeWhatsAppApi;
  server!: ServedAdapter;
  relay!: Relay;
  private current: WhatsAppAdapter | undefined;
  private readonly folder = mkdtempSync(join(tmpdir(), 'tvox-whatsapp-'));

  constructor(
    readonly transport: 'rest' | 'soap',
    private readonly settings: Partial<WhatsAppSettingsInput> = {},
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
    this.api = await FakeWhatsAppApi.start(NUMBER_TOKENS);
    this.server = await serveAdapter(
      () => this.current,
      { accept: (activities) => this.relay.accept(activities) },
      { mount: '/webhooks/whatsapp' },
    );
    this.current = createWhatsAppAdapter(
      {
        id: 'whatsapp',
        settings: whatsappSettings(this.api.apiRoot, this.server.webhookUrl, this.settings),
        serviceCode: 'SUPPORT',
        entryPoints: ENTRY_POINTS,
      },
      { ledger: { messages: (query) => this.relay.messages(query) } },
    );
    this.relay = quickRelay(
      {
        id: 'whatsapp',
        adapter: 'whatsapp',
        serviceCode: 'SUPPORT',
        entryPoints: ENTRY_POINTS,
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
    await Promise.all([this.server.close(), this.api.close(), this.simulator.stop()]);
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
