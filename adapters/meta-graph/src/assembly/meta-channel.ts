import {
  ChannelContribution,
  Clock,
  Logger,
  Store,
  type ChannelAdapter,
  type ChannelConfig,
  type ChannelUrls,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import type { SentLedger } from '../messaging/sent-up-to.js';

/** What a Meta adapter is built with from the connector's container. */
export interface MetaAdapterServices {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Core's ledger (the connector's `Store`), for what the adapter reads of what went out. */
  readonly ledger: SentLedger;
}

/**
 * The module contributing one channel of a Meta network to core's `ChannelContribution`: a
 * singleton adapter that `build` makes with core's `Clock`, `Logger` and `Store` (as a ledger).
 * Load core's `coreModule` and a store's module first. One module per channel.
 */
export function metaChannelModule<S>(
  build: (channel: ConfiguredChannel<S>, services: MetaAdapterServices) => ChannelAdapter,
): (channel: ConfiguredChannel<S>) => ContainerModule {
  return (channel) =>
    new ContainerModule(({ bind }) => {
      bind<ChannelContribution>(ChannelContribution)
        .toDynamicValue((context) => {
          const store = context.get<Store>(Store);
          return {
            adapter: build(channel, {
              clock: context.get<Clock>(Clock),
              logger: context.get<Logger>(Logger),
              ledger: { messages: (query) => store.listMessages(query) },
            }),
          };
        })
        .inSingletonScope();
    });
}

/**
 * A channel's settings checked by `parse` (with its `entryPoints`), `publicUrl` (the callback URL
 * to give Meta, below which media links point) defaulting to the channel's webhook on the
 * connector.
 */
export function metaChannelSettings<S>(
  parse: (
    channelId: string,
    settings: unknown,
    entryPoints: Readonly<Record<string, string>> | undefined,
  ) => S,
): (channel: ChannelConfig, urls: ChannelUrls) => S {
  return (channel, urls) => {
    const settings = channel.settings as Readonly<Record<string, unknown>>;
    return parse(channel.id, { publicUrl: urls.webhookUrl, ...settings }, channel.entryPoints);
  };
}
