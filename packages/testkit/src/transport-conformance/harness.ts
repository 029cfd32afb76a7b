import type {
  HttpEndpoint,
  OpenedSession,
  SessionStatus,
  Transport,
  TransportConfig,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { serveEndpoints, type ServedEndpoints } from '../serve-endpoints.js';
import { eventually } from '../wait.js';
import { AGENT, PUSH_SECRET, SERVICE, openRequest } from './fixtures.js';

/** What a transport author passes to `transportConformance`. */
export interface TransportConformanceOptions {
  /** Shown in the suite's title, e.g. `REST`. */
  readonly name: string;
  /** Builds the transport under test for a configuration pointing at the simulator. */
  readonly create: (config: TransportConfig) => Transport;
  /** How the simulator pushes to this transport's callback: REST `POST /events` or SOAP. */
  readonly pushTechnology: 'rest' | 'soap';
}

/** The servers of a running suite. */
interface Servers {
  readonly simulator: RunningSimulator;
  readonly callbacks: ServedEndpoints;
}

/**
 * What each spec works on: one simulator for the suite, with a polling connector (`POLLER`) and
 * one TVox pushes to (`PUSHER`), and a server mounting the callbacks of the transports the specs
 * make; the simulator reset before every test, every transport stopped after it.
 */
export class TransportHarness {
  private servers: Servers | undefined;
  private endpoints: HttpEndpoint[] = [];
  private started: Transport[] = [];
  private customers = 0;

  constructor(readonly options: TransportConformanceOptions) {}

  get simulator(): RunningSimulator {
    return this.running.simulator;
  }

  /** The server mounting the transports' callbacks, where the simulator pushes. */
  get callbacks(): ServedEndpoints {
    return this.running.callbacks;
  }

  /** A configuration of the connector `connectorCode` against the simulator, polling by default. */
  config(
    connectorCode: string,
    password: string,
    overrides: Partial<TransportConfig> = {},
  ): TransportConfig {
    return {
      connectorCode,
      tvox: {
        url: this.simulator.url,
        profile: 'tvox-mc-relay',
        auth: { kind: 'basic', password },
        timeoutMs: 2_000,
        connectTimeoutMs: 1_000,
        maxConnections: 4,
      },
      events: { mode: 'poll', intervalMs: 20, max: 50 },
      ...overrides,
    };
  }

  /** The transport under test for `config`, not started yet; stopped after the test. */
  create(config: TransportConfig): Transport {
    const transport = this.options.create(config);
    this.started.push(transport);
    if (transport.callback) this.endpoints.push(transport.callback);
    return transport;
  }

  /** The transport under test for `config`, started. */
  async make(config: TransportConfig): Promise<Transport> {
    const transport = this.create(config);
    await transport.start();
    return transport;
  }

  /** A started transport of the polling connector. */
  poller(): Promise<Transport> {
    return this.make(this.config('POLLER', 'poller-password'));
  }

  /** A started transport of the connector TVox pushes to, its callback mounted. */
  pusher(): Promise<Transport> {
    return this.make(
      this.config('PUSHER', 'pusher-password', {
        events: {
          mode: 'push',
          callbackUrl: `${this.callbacks.url}/tvox/callback`,
          auth: { kind: 'hmac', secret: PUSH_SECRET, header: 'x-tvox-signature' },
        },
      }),
    );
  }

  /** Opens a session for the customer `id` (a new customer by default). */
  open(transport: Transport, id = `c${++this.customers}`): Promise<OpenedSession> {
    return transport.openSession(openRequest(id));
  }

  /** The status TVox reports for the session `id`. */
  async status(transport: Transport, id: string): Promise<SessionStatus> {
    return (await transport.getSessionStatus({ session: { id } })).status;
  }

  /** Resolves once TVox holds no event for `connector` that it has not had acknowledged. */
  async allAcknowledged(connector: 'POLLER' | 'PUSHER'): Promise<void> {
    await eventually(
      async () => (await this.simulator.client.events(connector)).pendingEvents === 0,
    );
  }

  /** Registers the mocha hooks: the simulator for the suite, reset before every test. */
  install(): void {
    before(async () => {
      // Beyond the server's limit the callback's own `oversize` answers (413), as in the connector.
      const callbacks = await serveEndpoints(() => this.endpoints, {
        bodyLimitBytes: 4 * 1024 * 1024,
      });
      const simulator = await startSimulator({
        port: 0,
        services: [{ code: SERVICE, offerTimeoutMs: 60_000 }],
        agents: [{ code: AGENT, name: 'Conformance Agent' }],
        connectors: [
          { code: 'POLLER', password: 'poller-password' },
          {
            code: 'PUSHER',
            password: 'pusher-password',
            events: {
              mode: 'push',
              technology: this.options.pushTechnology,
              url: `${callbacks.url}/tvox/callback`,
              auth: { kind: 'hmac', secret: PUSH_SECRET },
            },
          },
        ],
        push: { retryBaseMs: 20, retryMaxMs: 100 },
      });
      this.servers = { simulator, callbacks };
    });

    beforeEach(async () => {
      await this.simulator.client.reset();
      await this.simulator.client.login(AGENT);
    });

    afterEach(async () => {
      await Promise.all(this.started.map((t) => t.stop()));
      this.started = [];
      this.endpoints = [];
    });

    after(async () => {
      await this.servers?.simulator.stop();
      await this.servers?.callbacks.close();
      this.servers = undefined;
    });
  }

  private get running(): Servers {
    if (this.servers === undefined) throw new Error('the simulator is used outside the suite');
    return this.servers;
  }
}
