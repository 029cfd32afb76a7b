import {
  ChannelContribution,
  Clock,
  ConfigError,
  channelPath,
  Logger,
  type AdapterPackage,
  type ChannelConfig,
  type ChannelUrls,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { TelegramAdapter, type TelegramAdapterDeps } from './telegram-adapter.js';
import { parseTelegramSettings, type TelegramSettings } from './telegram-settings.js';

/**
 * Checks a Telegram channel's settings; its `publicUrl` (where the webhook is registered and file
 * links point) defaults to the channel's webhook on the connector. A `publicUrl` whose path does
 * not end with the path the connector serves the channel at is refused: the webhook and the file
 * links would answer 404. Before that path may come any origin and base path a proxy forwards
 * from.
 */
function parseChannelSettings(channel: ChannelConfig, urls: ChannelUrls): TelegramSettings {
  const settings = channel.settings as Readonly<Record<string, unknown>>;
  const parsed = parseTelegramSettings(channel.id, { publicUrl: urls.webhookUrl, ...settings });
  // The connector's webhook URL is its public URL and the route it serves the channel at.
  const route = urls.webhookUrl.slice(urls.publicUrl.length);
  const path = new URL(parsed.publicUrl).pathname.replace(/\/+$/, '');
  if (!path.endsWith(route)) {
    throw new ConfigError([
      {
        path: channelPath(channel.id, 'settings', 'publicUrl'),
        message:
          `is ${parsed.publicUrl}, but the connector serves this channel (its webhook and file ` +
          `links) at ${route}: a webhook registered or a link made there would answer 404. Give ` +
          `the origin the connector is reached at, plus any base path a proxy forwards from, ` +
          `followed by ${route} (${urls.webhookUrl}, the default when publicUrl is left out)`,
      },
    ]);
  }
  return parsed;
}

/**
 * Contributes one Telegram channel to core's `ChannelContribution`: a singleton
 * {@link TelegramAdapter} built with core's `Clock` and `Logger` (load core's
 * `coreModule` first). One module per channel, so several bots are several modules.
 */
export function telegramModule(channel: ConfiguredChannel<TelegramSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => ({
        adapter: new TelegramAdapter(channel.config.id, channel.settings, {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        }),
      }))
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: telegram` in a channel. */
export const tvoxAdapter: AdapterPackage<TelegramSettings> = {
  network: 'telegram',
  parseSettings: parseChannelSettings,
  module: telegramModule,
};

/** A Telegram channel as configured: its id and its (not yet validated) settings. */
export interface TelegramChannel {
  readonly id: string;
  readonly settings: unknown;
}

/**
 * The plain factory: a Telegram adapter for a channel's `id` and `settings`. Throws `ConfigError`
 * listing every invalid setting, with its path under `channels.<id>.settings`.
 */
export function createTelegramAdapter(
  channel: TelegramChannel,
  deps: TelegramAdapterDeps = {},
): TelegramAdapter {
  return new TelegramAdapter(channel.id, parseTelegramSettings(channel.id, channel.settings), deps);
}
