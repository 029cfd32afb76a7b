import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Relay,
  type ChannelAdapter,
  type Transport,
  type TransportConfig,
} from '@tvox-connector/core';
import type { SentLedger } from '@tvox-connector/meta-graph';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { quickRelay } from './quick-relay';
import type { FakeSendApi } from '../../adapters/meta-graph/test/support/fake-send-api';

export const AGENT = 'giulia';
const CONNECTOR = 'CONN';
const PASSWORD = 'conn-password';

/** What the harness needs of a network's fake API. */
export interface FakeMetaApi {
  readonly apiRoot: string;
  close(): Promise<void>;
}

/** One channel of a Meta network as the harness runs it, `G` its fake API. */
export interface MetaChannel<G extends FakeMetaApi = FakeSendApi> {
  /** The channel id and the adapter name in config (`messenger`, `instagram`, `whatsapp`). */
  readonly network: string;
  /** The second account of the channel, routed to the `SALES` service. */
  readonly salesAccount: string;
  /** Starts the network's fake API. */
  startGraph(): Promise<G>;
  /** The adapter against the fake, its webhook at `webhookUrl`, reading core's ledger. */
  createAdapter(
    apiRoot: string,
    webhookUrl: string,
    entryPoints: Readonly<Record<string, string>>,
    ledger: SentLedger,
  ): ChannelAdapter & { stop(): Promise<void> };
}

/**
 * A whole connector for one channel of a Meta network in relay mode: the TVox simulator
 * (profile `tvox-mc-relay`), a fake Send API, a SQLite store in a temporary folder, the relay
 * with the chosen transport and core's ledger behind the adapter, and a server mounting the
 * adapter's webhook and media route as the connector's own server does.
 */
export class MetaHarness<G extends FakeMetaApi = FakeSendApi> {
  simulator!: RunningSimulator;
  graph!: G;
  server!: ServedAdapter;
  relay!: Relay;
  private current: ChannelAdapter | undefined;
  private readonly folder: string;

  constructor(
    readonly transport: 'rest' | 'soap',
    private readonly channel: MetaChannel<G>,
  ) {
    this.folder = mkdtempSync(join(tmpdir(), `tvox-${channel.network}-`));
  }

  async start(): Promise<this> {
    const { network, salesAccount } = this.channel;
    this.simulator = await startSimulator({
      port: 0,
      services: [
        { code: 'SUPPORT', offerTimeoutMs: 60_000 },
        { code: 'SALES', offerTimeoutMs: 60_000 },
      ],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: CONNECTOR, password: PASSWORD }],
    });
    this.graph = await this.channel.startGraph();
    this.server = await serveAdapter(
      () => this.current,
      { accept: (activities) => this.relay.accept(activities) },
      { mount: `/webhooks/${network}` },
    );
    // The channel's second account routes to its own service.
    const entryPoints = { [salesAccount]: 'SALES' };
    this.current = this.channel.createAdapter(
      this.graph.apiRoot,
      this.server.webhookUrl,
      entryPoints,
      { messages: (query) => this.relay.messages(query) },
    );
    this.relay = quickRelay(
      { id: network, adapter: network, serviceCode: 'SUPPORT', entryPoints, settings: {} },
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
