import type { ChannelAdapter } from '../interfaces/channel-adapter.js';

/**
 * DI token of the channels' contributions: each configured channel binds one, and the assembly
 * collects them all (`container.getAll(ChannelContribution)`): the relay takes their adapters,
 * the HTTP server their routes. This is the one contribution point for channels.
 * A registered symbol: the same in every copy of core that adapter packages may bring.
 */
export const ChannelContribution = Symbol.for('@tvox-connector/core.ChannelContribution');

/**
 * Routes of a channel's own beyond its webhook, as a plugin of the HTTP framework that serves
 * them (a fastify plugin for the `tvox-connector` command's server). Core serves no HTTP, so it
 * types the plugin only as a function taking the framework's app and options.
 */
export type ChannelRoutesPlugin = (app: never, options: never) => Promise<void>;

/** What one configured channel adds to the connector. */
export interface ChannelContribution {
  /** The channel's adapter, for the relay (its webhook is served at `/webhooks/<channel id>`). */
  readonly adapter: ChannelAdapter;
  /** Routes served below `/channels/<channel id>` (a web chat's page, socket and uploads). */
  readonly routes?: ChannelRoutesPlugin;
  /** Pages worth printing at start (a demo page), as paths below `/channels/<channel id>`. */
  readonly pages?: Readonly<Record<string, string>>;
}
