import {
  ChannelConfig,
  ConfigError,
  isConfigError,
  ServerConfig,
  channelPath,
  type AdapterPackage,
  type ValidationIssue,
} from '@tvox-connector/core';
import type { AdapterChannel } from './connector-container.js';
import { AdapterLoadError, loadAdapterPackage } from './adapter-packages.js';
import { publicUrlOf } from './public-url.js';

/** Adapter packages given in process, by the name channels use in `adapter` (tests, programs). */
export type GivenAdapters = Readonly<Record<string, AdapterPackage>>;

/** The URL of a channel's webhook on a connector reached at `publicUrl`. */
export function webhookUrlOf(publicUrl: string, channelId: string): string {
  return `${publicUrl}/webhooks/${channelId}`;
}

/**
 * Every channel with its adapter package and its settings checked by that package: the package is
 * one `given`, or loaded by its name from `directory` (the configuration's folder). Throws one
 * `ConfigError` listing every problem of every channel.
 */
export function configureChannels(
  channels: readonly ChannelConfig[],
  publicUrl: string,
  directory: string,
  given: GivenAdapters = {},
): AdapterChannel[] {
  const issues: ValidationIssue[] = [];
  const configured: AdapterChannel[] = [];
  for (const config of channels) {
    let adapter: AdapterPackage;
    try {
      adapter = Object.hasOwn(given, config.adapter)
        ? (given[config.adapter] as AdapterPackage)
        : loadAdapterPackage(config.adapter, directory);
    } catch (error) {
      if (!(error instanceof AdapterLoadError)) throw error;
      issues.push({ path: channelPath(config.id, 'adapter'), message: error.message });
      continue;
    }
    const urls = { publicUrl, webhookUrl: webhookUrlOf(publicUrl, config.id) };
    try {
      configured.push({
        adapter,
        channel: { config, ...urls, settings: adapter.parseSettings(config, urls) },
      });
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return configured;
}

/**
 * The problems of the channels of a configuration as written (before core's defaults): each
 * channel that has the shape of one is checked as {@link configureChannels} does.
 */
export function channelIssues(
  written: unknown,
  directory: string,
  given: GivenAdapters = {},
): ValidationIssue[] {
  const { channels, server } = (written ?? {}) as { channels?: unknown; server?: unknown };
  if (!Array.isArray(channels)) return [];
  const serverConfig = ServerConfig.safeParse(server ?? {});
  const publicUrl = serverConfig.success
    ? publicUrlOf(serverConfig.data, serverConfig.data.port)
    : 'http://localhost';
  const shaped = channels.flatMap((channel): ChannelConfig[] => {
    const parsed = ChannelConfig.safeParse(channel);
    if (parsed.success) return [parsed.data];
    // A channel wrong elsewhere (an empty serviceCode, say) still has its adapter's settings
    // checked, so that one error lists every problem.
    const { id, adapter, settings } = (channel ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof adapter !== 'string') return [];
    const written = typeof settings === 'object' && settings !== null ? settings : {};
    return [
      {
        id,
        adapter,
        serviceCode: '',
        entryPoints: {},
        settings: written as Record<string, unknown>,
      },
    ];
  });
  try {
    configureChannels(shaped, publicUrl, directory, given);
    return [];
  } catch (error) {
    if (isConfigError(error)) return [...error.issues];
    throw error;
  }
}
