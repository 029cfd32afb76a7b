import {
  ChannelContribution,
  Clock,
  Logger,
  Store,
  type AdapterPackage,
  type ChannelConfig,
  type ChannelUrls,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { MessengerAdapter, type MessengerAdapterDeps } from './messenger-adapter.js';
import { parseMessengerSettings, type MessengerSettings } from './messenger-settings.js';

/**
 * Checks a Messenger channel's settings and its `entryPoints` (Page ids); `publicUrl` (the
 * callback URL to give Meta, below which media links point) defaults to the channel's webhook on
 * the connector.
 */
function parseChannelSettings(channel: ChannelConfig, urls: ChannelUrls): MessengerSettings {
  const settings = channel.settings as Readonly<Record<string, unknown>>;
  return parseMessengerSettings(
    channel.id,
    { publicUrl: urls.webhookUrl, ...settings },
    channel.entryPoints,
  );
}

/**
 * Contributes one Messenger channel to core's `ChannelContribution`: a singleton
 * {@link MessengerAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger turns
 * read watermarks into receipts). Load core's `coreModule` and a store's module first. One module
 * per channel; one channel may answer for several Pages.
 */
export function messengerModule(channel: ConfiguredChannel<MessengerSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => {
        const store = context.get<Store>(Store);
        return {
          adapter: new MessengerAdapter(channel.config.id, channel.settings, {
            clock: context.get<Clock>(Clock),
            logger: context.get<Logger>(Logger),
            ledger: { messages: (query) => store.listMessages(query) },
          }),
        };
      })
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: messenger` in a channel. */
export const tvoxAdapter: AdapterPackage<MessengerSettings> = {
  network: 'messenger',
  parseSettings: parseChannelSettings,
  module: messengerModule,
};

/** A Messenger channel as configured: its id, its (not yet validated) settings, its entry points. */
export interface MessengerChannel {
  readonly id: string;
  readonly settings: unknown;
  readonly entryPoints?: Readonly<Record<string, string>>;
}

/**
 * The plain factory: a Messenger adapter for a channel's `id` and `settings`. Throws
 * `ConfigError` listing every invalid setting, with its path under `channels.<id>.settings`.
 */
export function createMessengerAdapter(
  channel: MessengerChannel,
  deps: MessengerAdapterDeps = {},
): MessengerAdapter {
  return new MessengerAdapter(
    channel.id,
    parseMessengerSettings(channel.id, channel.settings, channel.entryPoints),
    deps,
  );
}
