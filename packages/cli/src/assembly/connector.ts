import { createServer } from 'node:net';
import {
  Relay,
  checkProfileFit,
  SystemClock,
  type ChannelAdapter,
  type ConnectorConfig,
  type Logger,
} from '@tvox-connector/core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import { createConnectorServer, type ChannelRoutes } from '../server/connector-server.js';
import {
  CHANNEL_PLUGINS,
  checkChannels,
  webhookUrlOf,
  type ChannelPlugin,
} from './channel-plugins.js';
import { publicUrlOf } from './public-url.js';
import { createStore } from './store.js';
import { createTransport } from './transport.js';

/** What {@link startConnector} needs beside the configuration. */
export interface ConnectorOptions {
  /** A pino logger (`createLogger`): the relay's and the HTTP server's. */
  readonly logger: Logger & FastifyBaseLogger;
  /** The networks known by `channels[].adapter`; the built-in ones by default. */
  readonly plugins?: Readonly<Record<string, ChannelPlugin>>;
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
 * Builds and starts everything the configuration describes: the store, the transport, one
 * adapter per channel, the relay between them, and the HTTP server (webhooks, the TVox callback,
 * the channels' pages, health and metrics). Throws `ConfigError` for settings that cannot work.
 */
export async function startConnector(
  config: ConnectorConfig,
  options: ConnectorOptions,
): Promise<RunningConnector> {
  const { logger } = options;
  const plugins = options.plugins ?? CHANNEL_PLUGINS;
  const port = config.server.port === 0 ? await freePort(config.server.host) : config.server.port;
  const publicUrl = publicUrlOf(config.server, port);
  checkChannels(config.channels, publicUrl, plugins);
  await checkProfileFit(config.tvox.profile, config.channels);

  const clock = new SystemClock();
  const metrics = new PrometheusMetrics();
  const store = createStore(config.store, clock, logger);
  const transport = createTransport(config, publicUrl, { clock, logger, metrics });
  const adapters: ChannelAdapter[] = [];
  const channelRoutes: ChannelRoutes[] = [];
  const pages: Record<string, Record<string, string>> = {};
  for (const channel of config.channels) {
    const plugin = plugins[channel.adapter];
    if (plugin === undefined) continue; // checkChannels refused it already
    const prefix = `/channels/${channel.id}`;
    const created = await plugin.create({
      channel,
      publicUrl,
      webhookUrl: webhookUrlOf(publicUrl, channel.id),
      store,
      clock,
      logger: logger.child({ channel: channel.id }),
      metrics,
    });
    adapters.push(created.adapter);
    if (created.routes) channelRoutes.push({ prefix, plugin: created.routes });
    pages[channel.id] = Object.fromEntries(
      Object.entries(created.pages ?? {}).map(([name, path]) => [
        name,
        `${publicUrl}${prefix}${path}`,
      ]),
    );
  }

  const relay = new Relay(
    {
      channels: config.channels,
      relay: config.relay,
      notices: config.notices,
      ...(config.tvox.sessionIdKey === undefined ? {} : { sessionIdKey: config.tvox.sessionIdKey }),
    },
    { store, transport, adapters, clock, logger, metrics },
  );
  const server = await createConnectorServer({
    config: config.server,
    relay,
    adapters,
    endpoints: transport.callback ? [transport.callback] : [],
    channelRoutes,
    metrics,
    logger,
  });
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
