import type { AdapterPackage } from '@tvox-connector/core';
import { metaChannelModule, metaChannelSettings } from '@tvox-connector/meta-graph';
import { InstagramAdapter, type InstagramAdapterDeps } from './instagram-adapter.js';
import { parseInstagramSettings, type InstagramSettings } from './instagram-settings.js';

/** A channel's settings and entry points checked; `publicUrl` defaults to its webhook. */
const parseChannelSettings = metaChannelSettings(parseInstagramSettings);

/**
 * Contributes one Instagram channel to core's `ChannelContribution`: a singleton
 * {@link InstagramAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger turns
 * reads into receipts and lets reactions quote their message). Load core's `coreModule` and a
 * store's module first. One module per channel; one channel may answer for several accounts.
 */
export const instagramModule = metaChannelModule<InstagramSettings>(
  (channel, services) => new InstagramAdapter(channel.config.id, channel.settings, services),
);

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
