import {
  ChannelContribution,
  Clock,
  Logger,
  Metrics,
  Relay,
  Store,
  Transport,
  coreModule,
  type AdapterPackage,
  type ConfiguredChannel,
  type ConnectorConfig,
} from '@tvox-connector/core';
import { PostgresStoreConfig, postgresStoreModule } from '@tvox-connector/store-postgres';
import { SqliteStoreConfig, sqliteStoreModule } from '@tvox-connector/store-sqlite';
import { RestTransportConfig, restTransportModule } from '@tvox-connector/transport-rest';
import { SoapTransportConfig, soapTransportModule } from '@tvox-connector/transport-soap';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Container } from 'inversify';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import { createConnectorServer } from '../server/connector-server.js';
import { transportConfigOf } from './transport.js';

/**
 * DI token of the connector's HTTP server (fastify, not listening yet): webhooks through the
 * inbound gate, the TVox callback, the channels' routes, health and metrics. Resolve it with
 * `getAsync`: registering its plugins is asynchronous.
 */
export const ConnectorServer = Symbol.for('@tvox-connector/cli.ConnectorServer');

/** What {@link ConnectorServer} is bound to. */
export type ConnectorServer = FastifyInstance;

/**
 * DI token of every channel's contribution, collected once: the relay and the server share the
 * very same adapters, whatever scope an adapter's module bound its contribution in.
 */
export const ConnectorChannels = Symbol.for('@tvox-connector/cli.ConnectorChannels');

/** What {@link ConnectorChannels} is bound to. */
export type ConnectorChannels = readonly ChannelContribution[];

/** A configured channel with the adapter package that serves it. */
export interface AdapterChannel {
  readonly adapter: AdapterPackage;
  readonly channel: ConfiguredChannel<unknown>;
}

/** What the container is built with beside the configuration. */
export interface ContainerServices {
  readonly clock: Clock;
  /** A pino logger (`createLogger`), shared with fastify's request logging. */
  readonly logger: Logger & FastifyBaseLogger;
  readonly metrics: PrometheusMetrics;
}

/**
 * The connector's one container, built from the validated configuration: core's module with the
 * real clock, logger and metrics, the module of the store and of the transport the configuration
 * names (with their settings bound), one module per channel from its adapter package
 * (contributing to `ChannelContribution`), the relay between them, and the HTTP server
 * (`ConnectorServer`).
 */
export function connectorContainer(
  config: ConnectorConfig,
  publicUrl: string,
  channels: readonly AdapterChannel[],
  services: ContainerServices,
): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule);
  container.rebind<Clock>(Clock).toConstantValue(services.clock);
  container.rebind<Logger>(Logger).toConstantValue(services.logger);
  container.rebind<Metrics>(Metrics).toConstantValue(services.metrics);

  if (config.store.kind === 'sqlite') {
    container.bind<SqliteStoreConfig>(SqliteStoreConfig).toConstantValue(config.store);
    container.load(sqliteStoreModule);
  } else {
    container.bind<PostgresStoreConfig>(PostgresStoreConfig).toConstantValue(config.store);
    container.load(postgresStoreModule);
  }
  const transportConfig = transportConfigOf(config, publicUrl);
  if (config.transport === 'soap') {
    container.bind<SoapTransportConfig>(SoapTransportConfig).toConstantValue(transportConfig);
    container.load(soapTransportModule);
  } else {
    container.bind<RestTransportConfig>(RestTransportConfig).toConstantValue(transportConfig);
    container.load(restTransportModule);
  }
  for (const { adapter, channel } of channels) container.load(adapter.module(channel));
  container
    .bind<ConnectorChannels>(ConnectorChannels)
    .toDynamicValue((context) => context.getAll<ChannelContribution>(ChannelContribution));

  container.bind<Relay>(Relay).toDynamicValue(
    (context) =>
      new Relay(
        {
          channels: config.channels,
          relay: config.relay,
          notices: config.notices,
          ...(config.tvox.sessionIdKey === undefined
            ? {}
            : { sessionIdKey: config.tvox.sessionIdKey }),
          mode: config.tvox.mode,
          ...(config.tvox.profile === undefined ? {} : { profile: config.tvox.profile }),
          // The desk is served below the connector's own URL unless configured elsewhere.
          routing: { ...config.routing, deskUrl: config.routing.deskUrl ?? `${publicUrl}/desk` },
        },
        {
          store: context.get<Store>(Store),
          transport: context.get<Transport>(Transport),
          adapters: context
            .get<ConnectorChannels>(ConnectorChannels)
            .map((contribution) => contribution.adapter),
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
          metrics: context.get<Metrics>(Metrics),
        },
      ),
  );
  container.bind<ConnectorServer>(ConnectorServer).toDynamicValue((context) => {
    const contributions = context.get<ConnectorChannels>(ConnectorChannels);
    const transport = context.get<Transport>(Transport);
    return createConnectorServer({
      config: config.server,
      relay: context.get<Relay>(Relay),
      adapters: contributions.map((contribution) => contribution.adapter),
      endpoints: transport.callback ? [transport.callback] : [],
      channelRoutes: contributions.flatMap(({ adapter, routes }) =>
        // Core types a channel's routes loosely (it serves no HTTP); ours are fastify plugins.
        routes === undefined
          ? []
          : [{ prefix: `/channels/${adapter.channel}`, plugin: routes as FastifyPluginAsync }],
      ),
      metrics: services.metrics,
      logger: services.logger,
    });
  });
  return container;
}
