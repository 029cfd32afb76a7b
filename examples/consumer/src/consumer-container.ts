import {
  ChannelContribution,
  Clock,
  ConfigError,
  Logger,
  Metrics,
  Relay,
  Store,
  Transport,
  coreModule,
  type ChannelUrls,
  type ConnectorConfig,
} from '@tvox-connector/core';
import { PostgresStoreConfig, postgresStoreModule } from '@tvox-connector/store-postgres';
import { RestTransportConfig, restTransportModule } from '@tvox-connector/transport-rest';
import { Container } from 'inversify';
import { tvoxAdapter as acmeChat } from './acme-chat/acme-chat-module.js';

/** Where a channel's webhook is served: `{publicUrl}/webhooks/{channel id}`. */
export function channelUrls(publicUrl: string, channel: string): ChannelUrls {
  return { publicUrl, webhookUrl: `${publicUrl}/webhooks/${channel}` };
}

/**
 * This application's container, assembled from the packages' modules: core's (clock, logger,
 * metrics), the PostgreSQL store's and the REST transport's (each with its settings bound), one
 * Acme Chat module per channel (contributing to core's `ChannelContribution`), and the relay
 * between them. Throws `ConfigError` for a store other than PostgreSQL, a channel of another
 * network, or invalid channel settings.
 */
export function consumerContainer(config: ConnectorConfig, publicUrl: string): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule);

  if (config.store.kind !== 'postgres') {
    throw new ConfigError([
      {
        path: 'store.kind',
        message: 'this application keeps its state in PostgreSQL: use postgres',
      },
    ]);
  }
  container.bind<PostgresStoreConfig>(PostgresStoreConfig).toConstantValue(config.store);
  container.load(postgresStoreModule);
  container.bind<RestTransportConfig>(RestTransportConfig).toConstantValue(config);
  container.load(restTransportModule);

  for (const channel of config.channels) {
    if (channel.adapter !== acmeChat.network) {
      throw new ConfigError([
        {
          path: `channels.${channel.id}.adapter`,
          message: `this application serves ${acmeChat.network} channels only`,
        },
      ]);
    }
    const urls = channelUrls(publicUrl, channel.id);
    const settings = acmeChat.parseSettings(channel, urls);
    container.load(acmeChat.module({ config: channel, settings, ...urls }));
  }

  container.bind<Relay>(Relay).toDynamicValue(
    (context) =>
      new Relay(
        { channels: config.channels, relay: config.relay, notices: config.notices },
        {
          store: context.get<Store>(Store),
          transport: context.get<Transport>(Transport),
          adapters: context
            .getAll<ChannelContribution>(ChannelContribution)
            .map((contribution) => contribution.adapter),
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
          metrics: context.get<Metrics>(Metrics),
        },
      ),
  );
  return container;
}
