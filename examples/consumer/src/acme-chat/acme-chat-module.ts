import {
  ChannelContribution,
  type AdapterPackage,
  type ConfiguredChannel,
} from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { AcmeChatAdapter } from './acme-chat-adapter.js';
import { parseAcmeChatSettings, type AcmeChatSettings } from './acme-chat-settings.js';

/** Contributes one Acme Chat channel to core's `ChannelContribution`: a singleton adapter. */
export function acmeChatModule(channel: ConfiguredChannel<AcmeChatSettings>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelContribution>(ChannelContribution)
      .toDynamicValue(() => ({ adapter: new AcmeChatAdapter(channel.config.id, channel.settings) }))
      .inSingletonScope();
  });
}

/**
 * The adapter as a package: what the `tvox-connector` command would load for
 * `adapter: <this package>`, and what this application's container loads itself.
 */
export const tvoxAdapter: AdapterPackage<AcmeChatSettings> = {
  network: 'acme-chat',
  parseSettings: (channel) => parseAcmeChatSettings(channel.id, channel.settings),
  module: acmeChatModule,
};

/** The plain factory; throws `ConfigError` listing every invalid setting. */
export function createAcmeChatAdapter(channel: {
  readonly id: string;
  readonly settings: unknown;
}): AcmeChatAdapter {
  return new AcmeChatAdapter(channel.id, parseAcmeChatSettings(channel.id, channel.settings));
}
