import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Relay, type Transport, type TransportConfig } from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { createTelegramAdapter, type TelegramAdapter } from '@tvox-connector/adapter-telegram';
import { serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { quickRelay } from './quick-relay';
import { FakeBotApi } from '../../adapters/telegram/test/support/fake-bot-api';
import {
  BOT_TOKEN,
  pollingSettings,
  webhookSettings,
} from '../../adapters/telegram/test/support/telegram-fixtures';

export const AGENT = 'giulia';
const CONNECTOR = 'CONN';
const PASSWORD = 'conn-password';

/** How the connector under test talks to TVox and hears from Telegram. */
export interface TelegramSetup {
  readonly transport: 'rest' | 'soap';
  readonly receive: 'webhook' | 'polling';
}

/**
 * A whole connector for one Telegram channel: the TVox simulator, a fake Bot API, a SQLite store in
 * a temporary folder, the relay with the chosen transport, and a server mounting the adapter's
 * webhook and file route as the connector's own server does.
 */
export class TelegramHarness {
  simulator!: RunningSimulator;
  api!: FakeBotApi;
  server!: ServedAdapter;
  relay!: Relay;
  private current: TelegramAdapter | undefined;
  private readonly folder = mkdtempSync(join(tmpdir(), 'tvox-telegram-'));

  constructor(readonly setup: TelegramSetup) {}

  async start(): Promise<this> {
    this.simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: CONNECTOR, password: PASSWORD }],
    });
    this.api = await FakeBotApi.start(BOT_TOKEN);
    this.server = await serveAdapter(
      () => this.current,
      { accept: (activities) => this.relay.accept(activities) },
      { mount: '/channels/telegram' },
    );
    await this.startRelay();
    return this;
  }

  /** (Re)starts the adapter and the relay on the same database, as a restarted connector would. */
  async startRelay(): Promise<void> {
    const settings = this.setup.receive === 'webhook' ? webhookSettings : pollingSettings;
    this.current = createTelegramAdapter({
      id: 'telegram',
      settings: settings(this.api.apiRoot, this.server.webhookUrl),
    });
    this.relay = quickRelay(
      {
        id: 'telegram',
        adapter: 'telegram',
        serviceCode: 'SUPPORT',
        entryPoints: {},
        settings: {},
      },
      this.current,
      this.transport(),
      join(this.folder, 'connector.db'),
    );
    await this.relay.start();
  }

  /** The adapter of the running relay. */
  get adapter(): TelegramAdapter {
    if (this.current === undefined) throw new Error('the connector is not started');
    return this.current;
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await Promise.all([this.server.close(), this.api.close(), this.simulator.stop()]);
    rmSync(this.folder, { recursive: true, force: true });
  }

  private transport(): Transport {
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
    return this.setup.transport === 'rest'
      ? createRestTransport(config)
      : createSoapTransport(config);
  }
}
