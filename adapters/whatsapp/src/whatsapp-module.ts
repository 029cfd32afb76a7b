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
import { WhatsAppAdapter, type WhatsAppAdapterDeps } from './whatsapp-adapter.js';
import { parseWhatsAppSettings, type WhatsAppSettings } from './whatsapp-settings.js';

/**
 * Checks a WhatsApp channel's settings and its `entryPoints` (phone number ids); `publicUrl`
 * (the callback URL to give Meta, below which media links point) defaults to the channel's
 * webhook on the connector.
 */
function parseChannelSettings(channel: ChannelConfig, urls: ChannelUrls): WhatsAppSettings {
  const settings = channel.settings as Readonly<Record<string, unknown>>;
  return parseWhatsAppSettings(
    channel.id,
    { publicUrl: urls.webhookUrl, ...settings },
    channel.entryPoints,
  );
}

/**
 * Contributes one WhatsApp channel to core's `ChannelContribution`: a singleton
 * {@link WhatsAppAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger tells when
 * the 24-hour window closed) and the channel's routing (to pick the window template by service).
 * Load core's `coreModule` and a store's module first. One module per channel; one channel may
 * answer for several phone numbers.
 */
export function whatsappModule(channel: ConfiguredChannel<WhatsAppSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => {
        const store = context.get<Store>(Store);
        return {
          adapter: new WhatsAppAdapter(channel.config.id, channel.settings, {
            clock: context.get<Clock>(Clock),
            logger: context.get<Logger>(Logger),
            ledger: { messages: (query) => store.listMessages(query) },
            routing: {
              serviceCode: channel.config.serviceCode,
              entryPoints: channel.config.entryPoints,
            },
          }),
        };
      })
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: whatsapp` in a channel. */
export const tvoxAdapter: AdapterPackage<WhatsAppSettings> = {
  network: 'whatsapp',
  parseSettings: parseChannelSettings,
  module: whatsappModule,
};

/** A WhatsApp channel as configured: its id, its (not yet validated) settings, its routing. */
export interface WhatsAppChannel {
  readonly id: string;
  readonly settings: unknown;
  readonly serviceCode?: string;
  readonly entryPoints?: Readonly<Record<string, string>>;
}

/**
 * The plain factory: a WhatsApp adapter for a channel's `id` and `settings`. Throws
 * `ConfigError` listing every invalid setting, with its path under `channels.<id>.settings`.
 */
export function createWhatsAppAdapter(
  channel: WhatsAppChannel,
  deps: WhatsAppAdapterDeps = {},
): WhatsAppAdapter {
  return new WhatsAppAdapter(
    channel.id,
    parseWhatsAppSettings(channel.id, channel.settings, channel.entryPoints),
    {
      routing: {
        ...(channel.serviceCode === undefined ? {} : { serviceCode: channel.serviceCode }),
        ...(channel.entryPoints === undefined ? {} : { entryPoints: channel.entryPoints }),
      },
      ...deps,
    },
  );
}
