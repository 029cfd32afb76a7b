import {
  ChannelContribution,
  Clock,
  Logger,
  type AdapterPackage,
  type ChannelConfig,
  type ChannelUrls,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { TwilioAdapter, type TwilioAdapterDeps } from './twilio-adapter.js';
import { parseTwilioSettings, type TwilioSettings } from './twilio-settings.js';

/**
 * Checks a Twilio channel's settings; its `publicUrl` (the URL Twilio signs) defaults to the
 * channel's webhook on the connector, `{server.publicUrl}/webhooks/<channel id>`.
 */
function parseChannelSettings(channel: ChannelConfig, urls: ChannelUrls): TwilioSettings {
  const settings = channel.settings as Readonly<Record<string, unknown>>;
  return parseTwilioSettings(channel.id, { publicUrl: urls.webhookUrl, ...settings });
}

/**
 * Contributes one Twilio channel to core's `ChannelContribution`: a singleton
 * {@link TwilioAdapter} built with core's `Clock` and `Logger` (load core's `coreModule` first).
 * One module per channel.
 */
export function twilioModule(channel: ConfiguredChannel<TwilioSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => ({
        adapter: new TwilioAdapter(channel.config.id, channel.settings, {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        }),
      }))
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: twilio` in a channel. */
export const tvoxAdapter: AdapterPackage<TwilioSettings> = {
  network: 'twilio',
  parseSettings: parseChannelSettings,
  module: twilioModule,
};

/** A Twilio channel as configured: its id and its (not yet validated) settings. */
export interface TwilioChannel {
  readonly id: string;
  readonly settings: unknown;
}

/**
 * The plain factory: a Twilio adapter for a channel's `id` and `settings`. Throws `ConfigError`
 * listing every invalid setting, with its path under `channels.<id>.settings`.
 */
export function createTwilioAdapter(
  channel: TwilioChannel,
  deps: TwilioAdapterDeps = {},
): TwilioAdapter {
  return new TwilioAdapter(channel.id, parseTwilioSettings(channel.id, channel.settings), deps);
}
