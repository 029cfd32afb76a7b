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
import { InstagramAdapter, type InstagramAdapterDeps } from './instagram-adapter.js';
import { parseInstagramSettings, type InstagramSettings } from './instagram-settings.js';

/**
 * Checks an Instagram channel's settings and its `entryPoints` (account ids); `publicUrl` (the
 * callback URL to give Meta, below which media links point) defaults to the channel's webhook on
 * the connector.
 */
function parseChannelSettings(channel: ChannelConfig, urls: ChannelUrls): InstagramSettings {
  const settings = channel.settings as Readonly<Record<string, unknown>>;
  return parseInstagramSettings(
    channel.id,
    { publicUrl: urls.webhookUrl, ...settings },
    channel.entryPoints,
  );
}

/**
 * Contributes one Instagram channel to core's `ChannelContribution`: a singleton
 * {@link InstagramAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger turns
 * reads into receipts and lets reactions quote their message). Load core's `coreModule` and a
 * store's module first. One module per channel; one channel may answer for several accounts.
 */
export function instagramModule(channel: ConfiguredChannel<InstagramSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => {
        const store = context.get<Store>(Store);
        return {
          adapter: new InstagramAdapter(channel.config.id, channel.settings, {
            clock: context.get<Clock>(Clock),
            logger: context.get<Logger>(Logger),
            ledger: { messages: (query) => store.listMessages(query) },
          }),
        };
      })
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: instagram` in a channel. */
export const tvoxAdapter: AdapterPackage<InstagramSettings> = {
  network: 'instagram',
  parseSettings: parseChannelSettings,
  module: instagramModule,
};

/** An Instagram channel as configured: its id, its (not yet validated) settings, entry points. */
export interface InstagramChannel {
  readonly id: string;
  readonly settings: unknown;
  readonly entryPoints?: Readonly<Record<string, string>>;
}

/**
 * The plain factory: an Instagram adapter for a channel's `id` and `settings`. Throws
 * `ConfigError` listing every invalid setting, with its path under `channels.<id>.settings`.
 */
export function createInstagramAdapter(
  channel: InstagramChannel,
  deps: InstagramAdapterDeps = {},
): InstagramAdapter {
  return new InstagramAdapter(
    channel.id,
    parseInstagramSettings(channel.id, channel.settings, channel.entryPoints),
    deps,
  );
}
