import type { ServerConfig } from '@tvox-connector/core';

/**
 * The largest body each kind of route reads, decided here and only here from `server.*`, so that
 * no server-wide limit cuts a route's own short (a TVox push refused by a 1 MiB server limit
 * before its callback's own limit applied stopped every event behind it).
 */
export interface RouteLimits {
  /** Channel webhooks: `server.bodyLimitBytes`. */
  readonly webhookBytes: number;
  /** The TVox push callback: `server.callbackBodyLimitBytes`. */
  readonly callbackBytes: number;
  /**
   * Largest WebSocket frame the server's socket support takes: four times
   * `server.bodyLimitBytes`. A channel (the web chat) checks its own, smaller frame limit and
   * answers a frame over it with an error frame; over this cap ws closes the socket (1009)
   * before a channel could say why, so it only bounds memory.
   */
  readonly socketFrameBytes: number;
  /** Every other route (a channel's own JSON routes): `server.bodyLimitBytes`. */
  readonly otherBytes: number;
}

/** Each kind of route's body limit, from the server's configuration. */
export function routeLimits(config: ServerConfig): RouteLimits {
  return {
    webhookBytes: config.bodyLimitBytes,
    callbackBytes: config.callbackBodyLimitBytes,
    socketFrameBytes: 4 * config.bodyLimitBytes,
    otherBytes: config.bodyLimitBytes,
  };
}
