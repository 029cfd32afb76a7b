import {
  ChannelContribution,
  Clock,
  Logger,
  Store,
  type AdapterPackage,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { createWebchatChannel } from './create-webchat-channel.js';
import { parseWebchatSettings, type WebchatSettings } from './webchat-settings.js';

/**
 * Contributes one web chat channel to core's `ChannelContribution`: its adapter, its routes
 * (page, socket, uploads, to mount below `/channels/<channel id>`) and its pages, built with
 * core's `Store` (the history a reconnecting widget reads), `Clock` and `Logger`. One module per
 * channel, since each channel has its own settings.
 */
export function webchatModule(channel: ConfiguredChannel<WebchatSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue((context) => {
        const store = context.get<Store>(Store);
        const webchat = createWebchatChannel({
          channel: channel.config,
          publicUrl: channel.publicUrl,
          ledger: { messages: (query) => store.listMessages(query) },
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        });
        return { adapter: webchat.adapter, routes: webchat.routes, pages: { ...webchat.paths } };
      })
      .inSingletonScope();
  });
}

/** The package as the `tvox-connector` command loads it: `adapter: webchat` in a channel. */
export const tvoxAdapter: AdapterPackage<WebchatSettings> = {
  network: 'webchat',
  parseSettings: parseWebchatSettings,
  module: webchatModule,
};
