import { createServer } from 'node:net';
import {
  Relay,
  Transport,
  checkProfileFit,
  SystemClock,
  type ConnectorConfig,
  type Logger,
} from '@tvox-connector/core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import { configureChannels, type GivenAdapters } from './channels.js';
import { ConnectorChannels, ConnectorServer, connectorContainer } from './connector-container.js';
import { publicUrlOf } from './public-url.js';

/** What {@link startConnector} needs beside the configuration. */
export interface ConnectorOptions {
  /** A pino logger (`createLogger`): the relay's and the HTTP server's. */
  readonly logger: Logger & FastifyBaseLogger;
  /**
   * Adapter packages given in process, by the name channels use in `adapter`; any other name is
   * loaded as a package (see `loadAdapterPackage`).
   */
  readonly adapters?: GivenAdapters;
  /** Where adapter packages named by a path or a name of their own are looked for; the working folder by default. */
  readonly directory?: string;
}

/** A running connector. */
export interface RunningConnector {
  /** Where the connector's server is reached from outside. */
  readonly publicUrl: string;
  readonly relay: Relay;
  readonly server: FastifyInstance;
  /** Pages the channels serve (a web chat's demo page), full URLs by channel id and name. */
  readonly pages: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Stops taking requests, lets work in hand finish, then closes adapters, transport, store. */
  stop(): Promise<void>;
}

/**
 * Builds and starts everything the configuration describes, from one container
 * (`connectorContainer`): the store, the transport, the channels' contributions from their
 * adapter packages, the relay between them, and the HTTP server (webhooks, the TVox callback,
 * the channels' routes, health and metrics). Throws `ConfigError` for settings that cannot work.
 */
export async function startConnector(
  config: ConnectorConfig,
  options: ConnectorOptions,
): Promise<RunningConnector> {
  const { logger } = options;
  const port = config.server.port === 0 ? await freePort(config.server.host) : config.server.port;
  const publicUrl = publicUrlOf(config.server, port);
  const channels = configureChannels(
    config.channels,
    publicUrl,
    options.directory ?? process.cwd(),
    options.adapters,
  );
  await checkProfileFit(config.tvox.profile, config.channels, config.tvox.mode, config.events.mode);

  const metrics = new PrometheusMetrics();
  const container = connectorContainer(config, publicUrl, channels, {
    clock: new SystemClock(),
    logger,
    metrics,
  });
  const relay = container.get<Relay>(Relay);
  const transport = container.get<Transport>(Transport);
  const server = await container.getAsync<ConnectorServer>(ConnectorServer);
  const pages: Record<string, Record<string, string>> = {};
  for (const { adapter, pages: paths = {} } of container.get<ConnectorChannels>(
    ConnectorChannels,
  )) {
    const prefix = `${publicUrl}/channels/${adapter.channel}`;
    pages[adapter.channel] = Object.fromEntries(
      Object.entries(paths).map(([name, path]) => [name, `${prefix}${path}`]),
    );
  }
  await server.listen({ host: config.server.host, port });
  try {
    await relay.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  logger.info(
    { url: publicUrl, transport: transport.kind, store: config.store.kind },
    'connector started',
  );
  return {
    publicUrl,
    relay,
    server,
    pages,
    async stop() {
      await server.close();
      await relay.stop();
    },
  };
}

/** A port nobody listens on now, for `server.port: 0` (links need the port before listening). */
async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port was assigned'));
      });
    });
  });
}
