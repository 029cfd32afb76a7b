import { ChannelAdapter, Clock, Logger, Metrics } from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { TelegramAdapter, type TelegramAdapterDeps } from './telegram-adapter.js';
import { parseTelegramSettings } from './telegram-settings.js';

/** DI token for the channel {@link telegramModule} binds: `{ id, settings }`, as in config. */
export const TelegramChannel = Symbol('TelegramChannel');

/** A Telegram channel as configured: its id and its (not yet validated) settings. */
export interface TelegramChannel {
  readonly id: string;
  readonly settings: unknown;
}

/**
 * Adds a singleton {@link TelegramAdapter} to core's `ChannelAdapter` multi-binding, built from the
 * `TelegramChannel` binding and core's `Clock`, `Logger` and `Metrics` (load core's `coreModule`
 * first). For several Telegram bots, use {@link createTelegramAdapter} once per channel.
 */
export const telegramModule = new ContainerModule(({ bind }) => {
  bind<ChannelAdapter>(ChannelAdapter)
    .toDynamicValue((context) =>
      createTelegramAdapter(context.get<TelegramChannel>(TelegramChannel), {
        clock: context.get<Clock>(Clock),
        logger: context.get<Logger>(Logger),
        metrics: context.get<Metrics>(Metrics),
      }),
    )
    .inSingletonScope();
});

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
