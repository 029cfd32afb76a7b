import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NoticesConfig,
  RelayConfig,
  Relay,
  RoutingConfig,
  type TvoxModeSetting,
  type ChannelConfig,
  type Logger,
  type Metrics,
  type Store,
  type Transport,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { FakeChannel } from './fake-channel';

export const CHANNEL = 'fake';
export const AGENT = 'a1';
/** The password of the connector account `CONN`, in the simulator and the transport alike. */
export const CONNECTOR_PASSWORD = 'conn-password';

/** How TVox's events reach the harness's relay: polled every 20 ms by default. */
export type HarnessEvents = Parameters<typeof createRestTransport>[0]['events'];

/** What the harness's transport and relay record to: nothing unless given. */
export interface HarnessObservers {
  readonly metrics?: Metrics;
  readonly logger?: Logger;
}

/**
 * A harness against the documented MCC instead: the simulator and the transport speak `mcc-1.0`,
 * the channel opens its sessions on TVox channel 1, and the relay runs in `tvox.mode` (auto by
 * default: routing, since the release carries no messages).
 */
export interface HarnessRouting {
  readonly mode?: TvoxModeSetting;
  readonly routing?: Partial<RoutingConfig>;
}

/** The desk URL the routing harness's sessions link to. */
export const DESK_URL = 'https://desk.example.com/desk';

/** A simulator, a SQLite store in a temporary folder, and the relay between them and a fake network. */
export class RelayHarness {
  simulator!: RunningSimulator;
  relay!: Relay;
  store!: Store;
  transport!: Transport;
  channel = new FakeChannel(CHANNEL);
  private folder = mkdtempSync(join(tmpdir(), 'tvox-relay-'));

  constructor(
    private readonly events: HarnessEvents = { mode: 'poll', intervalMs: 20, max: 100 },
    private readonly observers: HarnessObservers = {},
    /** Relay settings over the harness's quick ones. */
    private readonly relaySettings: Partial<RelayConfig> = {},
    /** Against the documented MCC (`mcc-1.0`), in routing mode, when given. */
    private readonly mcc?: HarnessRouting,
  ) {}

  /** The SQLite database the relay runs on, to prepare before `start()`. */
  get databasePath(): string {
    return join(this.folder, 'relay.db');
  }

  async start(): Promise<this> {
    this.simulator = await startSimulator({
      ...(this.mcc === undefined ? {} : { profile: 'mcc-1.0', channels: [{ id: 1 }] }),
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: CONNECTOR_PASSWORD }],
    });
    await this.startRelay();
    return this;
  }

  /** (Re)starts the relay on the same database, as a restarted connector would. */
  async startRelay(): Promise<void> {
    const channels: ChannelConfig[] = [
      {
        id: CHANNEL,
        adapter: 'fake',
        serviceCode: 'SUPPORT',
        entryPoints: {},
        settings: {},
        ...(this.mcc === undefined ? {} : { tvoxChannelId: 1 }),
      },
    ];
    this.store = createSqliteStore({ path: this.databasePath });
    const transport = (this.transport = createRestTransport(
      {
        connectorCode: 'CONN',
        tvox: {
          url: this.simulator.url,
          ...(this.mcc === undefined ? {} : { profile: 'mcc-1.0' }),
          auth: { kind: 'basic', password: CONNECTOR_PASSWORD },
          timeoutMs: 2_000,
          connectTimeoutMs: 1_000,
          maxConnections: 4,
        },
        events: this.events,
      },
      this.observers,
    ));
    this.relay = new Relay(
      {
        channels,
        relay: RelayConfig.parse({
          initialDelayMs: 20,
          maxDelayMs: 200,
          maxAttempts: 100,
          workers: 4,
          leaseMs: 5_000,
          ...this.relaySettings,
        }),
        notices: NoticesConfig.parse({}),
        idleMs: 20,
        ...(this.mcc === undefined
          ? {}
          : {
              profile: 'mcc-1.0',
              mode: this.mcc.mode ?? 'auto',
              routing: RoutingConfig.parse({ deskUrl: DESK_URL, ...this.mcc.routing }),
            }),
      },
      {
        store: this.store,
        transport,
        adapters: [this.channel],
        ...this.observers,
      },
    );
    await this.relay.start();
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await this.simulator.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Texts the simulator's session for `chat` received from the customer, in order. */
  async receivedByTvox(chat: string): Promise<string[]> {
    const sessions = await this.simulator.client.sessions({ connector: 'CONN' });
    const mine = sessions.filter((s) => s.channelSessionId === chat);
    return mine.flatMap((s) =>
      s.transcript.filter((t) => t.from === 'customer').map((t) => t.text ?? ''),
    );
  }
}
