import type { AdapterPackage } from '@tvox-connector/core';
import { metaChannelModule, metaChannelSettings } from '@tvox-connector/meta-graph';
import { WhatsAppAdapter, type WhatsAppAdapterDeps } from './whatsapp-adapter.js';
import { parseWhatsAppSettings, type WhatsAppSettings } from './whatsapp-settings.js';

/** A channel's settings and entry points checked; `publicUrl` defaults to its webhook. */
const parseChannelSettings = metaChannelSettings(parseWhatsAppSettings);

/**
 * Contributes one WhatsApp channel to core's `ChannelContribution`: a singleton
 * {@link WhatsAppAdapter} built with core's `Clock`, `Logger` and `Store` (whose ledger tells when
 * the 24-hour window closed) and the channel's routing (to pick the window template by service).
 * Load core's `coreModule` and a store's module first. One module per channel; one channel may
 * answer for several phone numbers.
 */
export const whatsappModule = metaChannelModule<WhatsAppSettings>(
  (channel, services) =>
    new WhatsAppAdapter(channel.config.id, channel.settings, {
      ...services,
      routing: { serviceCode: channel.config.serviceCode, entryPoints: channel.config.entryPoints },
    }),
);

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
