import {
  ChannelConfig,
  ConfigError,
  ServerConfig,
  type ChannelAdapter,
  type Clock,
  type Logger,
  type Metrics,
  type Store,
  type ValidationIssue,
} from '@tvox-connector/core';
import { createWebchatChannel, parseWebchatSettings } from '@tvox-connector/adapter-webchat';
import { createTelegramAdapter, parseTelegramSettings } from '@tvox-connector/telegram';
import type { FastifyPluginAsync } from 'fastify';
import { publicUrlOf } from './public-url.js';

/** What a channel plugin is given to build its adapter. */
export interface ChannelContext {
  readonly channel: ChannelConfig;
  /** Where the connector's server is reached from outside, without a trailing slash. */
  readonly publicUrl: string;
  /** The URL of this channel's webhook: `{publicUrl}/webhooks/{channel id}`. */
  readonly webhookUrl: string;
  /** Read-only access to the ledger (a web chat's history on reconnect). */
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** A channel as the connector serves it: the adapter, and the routes it needs beyond webhooks. */
export interface CreatedChannel {
  readonly adapter: ChannelAdapter;
  /** Registered at `/channels/{channel id}`. */
  readonly routes?: FastifyPluginAsync;
  /** Pages worth printing at start (a demo page), as paths below `/channels/{channel id}`. */
  readonly pages?: Readonly<Record<string, string>>;
}

/**
 * How the CLI builds one kind of adapter (`channels[].adapter` in the config): a table of
 * ten-line functions, one per network, so that adding a network to the CLI is one entry.
 */
export interface ChannelPlugin {
  /** Checks a channel's settings; throws `ConfigError` listing every problem. */
  check(channel: ChannelConfig, publicUrl: string): void;
  create(context: ChannelContext): CreatedChannel | Promise<CreatedChannel>;
}

/** Telegram's `publicUrl` defaults to the channel's webhook on this connector. */
function telegramChannel(channel: ChannelConfig, webhookUrl: string): ChannelConfig {
  return { ...channel, settings: { publicUrl: webhookUrl, ...channel.settings } };
}

/** The networks the CLI knows, by `channels[].adapter`. */
export const CHANNEL_PLUGINS: Readonly<Record<string, ChannelPlugin>> = {
  webchat: {
    check: (channel) => {
      parseWebchatSettings(channel);
    },
    create: (context) => {
      const webchat = createWebchatChannel({
        channel: context.channel,
        publicUrl: context.publicUrl,
        ledger: { messages: (query) => context.store.listMessages(query) },
        clock: context.clock,
        logger: context.logger,
      });
      return { adapter: webchat.adapter, routes: webchat.routes, pages: { ...webchat.paths } };
    },
  },
  telegram: {
    check: (channel, publicUrl) => {
      const { id, settings } = telegramChannel(channel, webhookUrlOf(publicUrl, channel.id));
      parseTelegramSettings(id, settings);
    },
    create: (context) => ({
      adapter: createTelegramAdapter(telegramChannel(context.channel, context.webhookUrl), {
        clock: context.clock,
        logger: context.logger,
        metrics: context.metrics,
      }),
    }),
  },
};

/** The URL of a channel's webhook on a connector reached at `publicUrl`. */
export function webhookUrlOf(publicUrl: string, channelId: string): string {
  return `${publicUrl}/webhooks/${channelId}`;
}

/**
 * The problems of the channels of a configuration as written (before core's defaults): each
 * channel that has the shape of one is checked as {@link checkChannels} does.
 */
export function channelIssues(
  written: unknown,
  plugins: Readonly<Record<string, ChannelPlugin>> = CHANNEL_PLUGINS,
): ValidationIssue[] {
  const { channels, server } = (written ?? {}) as { channels?: unknown; server?: unknown };
  if (!Array.isArray(channels)) return [];
  const publicUrl = ServerConfig.safeParse(server ?? {});
  const shaped = channels.map((channel) => ChannelConfig.safeParse(channel));
  try {
    checkChannels(
      shaped.flatMap((result) => (result.success ? [result.data] : [])),
      publicUrl.success ? publicUrlOf(publicUrl.data, publicUrl.data.port) : 'http://localhost',
      plugins,
    );
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
}

/**
 * Checks every channel: a known adapter, valid settings. Throws one `ConfigError` with every
 * problem of every channel.
 */
export function checkChannels(
  channels: readonly ChannelConfig[],
  publicUrl: string,
  plugins: Readonly<Record<string, ChannelPlugin>> = CHANNEL_PLUGINS,
): void {
  const issues: ValidationIssue[] = [];
  channels.forEach((channel, index) => {
    const plugin = plugins[channel.adapter];
    if (plugin === undefined) {
      issues.push({
        path: `channels.${index}.adapter`,
        message: `unknown adapter "${channel.adapter}"; use one of: ${Object.keys(plugins).join(', ')}`,
      });
      return;
    }
    try {
      plugin.check(channel, publicUrl);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) throw new ConfigError(issues);
}
