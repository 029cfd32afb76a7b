import { ChannelAdapter } from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { WebchatChannel } from './create-webchat-channel.js';

/**
 * Binds a channel made by `createWebchatChannel` into a container: its adapter under core's
 * `ChannelAdapter` (beside the other channels' adapters, for the relay) and the channel itself
 * under `WebchatChannel` (for the server that registers its routes). One module per channel,
 * since each channel has its own settings.
 */
export function webchatModule(channel: WebchatChannel): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ChannelAdapter>(ChannelAdapter).toConstantValue(channel.adapter);
    bind<WebchatChannel>(WebchatChannel).toConstantValue(channel);
  });
}
