import type { ContainerModule } from 'inversify';
import type { ChannelConfig } from '../config/connector-config.js';

/** Where a channel is reached on the connector, for the adapters that need to say so. */
export interface ChannelUrls {
  /** The connector's public base URL, without a trailing slash. */
  readonly publicUrl: string;
  /** This channel's webhook: `{publicUrl}/webhooks/{channel id}`. */
  readonly webhookUrl: string;
}

/** One configured channel of an adapter package, its settings validated. */
export interface ConfiguredChannel<Settings> extends ChannelUrls {
  readonly config: ChannelConfig;
  readonly settings: Settings;
}

/**
 * What an adapter package exports as `tvoxAdapter`, so that the `tvox-connector` command plugs it
 * in from configuration alone (`channels[].adapter: <package>`):
 *
 * ```ts
 * export const tvoxAdapter: AdapterPackage<AcmeSettings> = {
 *   network: 'acme',
 *   parseSettings: (channel) => parseAcmeSettings(channel.id, channel.settings),
 *   module: (channel) =>
 *     new ContainerModule(({ bind }) => {
 *       bind(ChannelContribution).toDynamicValue((context) => ({
 *         adapter: new AcmeAdapter(channel.config.id, channel.settings, {
 *           logger: context.get<Logger>(Logger),
 *         }),
 *       }));
 *     }),
 * };
 * ```
 */
export interface AdapterPackage<Settings = unknown> {
  /** The network the package connects, as logs and errors name it (`telegram`). */
  readonly network: string;
  /**
   * Checks a channel's `settings`: the settings the adapter runs on, or a `ConfigError` listing
   * every problem with its path (`channels.<id>.settings.<name>`).
   */
  parseSettings(channel: ChannelConfig, urls: ChannelUrls): Settings;
  /**
   * The module that contributes the channel: it binds one `ChannelContribution` (in singleton
   * scope), built from what the container holds (core's `Clock`, `Logger`, `Metrics`, `Store`).
   */
  module(channel: ConfiguredChannel<Settings>): ContainerModule;
}

/** Whether `value` has the shape of an {@link AdapterPackage} (read from a package loaded at run time). */
export function isAdapterPackage(value: unknown): value is AdapterPackage {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AdapterPackage>;
  return (
    typeof candidate.network === 'string' &&
    typeof candidate.parseSettings === 'function' &&
    typeof candidate.module === 'function'
  );
}
