import type { AdapterPackage } from '@tvox-connector/core';
import { metaChannelModule, metaChannelSettings } from '@tvox-connector/meta-graph';
import { MessengerAdapter, type MessengerAdapterDeps } from './messenger-adapter.js';
import { parseMessengerSettings, type MessengerSettings } from './messenger-settings.js';

/** A channel's settings and entry points checked; `publicUrl` defaults to its webhook. */
const parseChannelSettings = metaChannelSettings(parseMessengerSettings);

/**
 * Contributes one Messenger channel to core's `ChannelContribution`: a singleton
 * {@link MessengerAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger turns
 * read watermarks into receipts). Load core's `coreModule` and a store's module first. One module
 * per channel; one channel may answer for several Pages.
 */
export const messengerModule = metaChannelModule<MessengerSettings>(
  (channel, services) => new MessengerAdapter(channel.config.id, channel.settings, services),
);

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
