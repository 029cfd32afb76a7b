import { join } from 'node:path';
import {
  SystemClock,
  silentLogger,
  type ChannelAdapter,
  type ChannelConfig,
  type Clock,
  type Logger,
  type MessageQuery,
  type MessageRecord,
} from '@tvox-connector/core';
import type { FastifyPluginAsync } from 'fastify';
import { AttachmentFiles } from './attachments/attachment-files.js';
import { AttachmentLinks } from './attachments/attachment-links.js';
import { AttachmentSweep } from './attachments/attachment-sweep.js';
import { STATIC_PATHS } from './http/static-routes.js';
import { webchatRoutes } from './http/webchat-routes.js';
import { VisitorTokens } from './identity/visitor-token.js';
import { VisitorLimits } from './limits/visitor-limits.js';
import { VisitorSockets } from './socket/visitor-sockets.js';
import { visitorFrameSchema } from './webhook/visitor-frame.js';
import { WebchatAdapter } from './webchat-adapter.js';
import { parseWebchatSettings } from './webchat-settings.js';

/** What {@link createWebchatChannel} needs. */
export interface WebchatChannelOptions {
  /** The channel from the connector configuration; `settings` is validated by `WebchatSettings`. */
  readonly channel: ChannelConfig;
  /** The connector's public base URL, e.g. `https://chat.example.com`: links and the socket URL. */
  readonly publicUrl: string;
  /** Read-only history (core's `Relay#messages`): what a reconnecting widget has not shown. */
  readonly ledger: { messages(query: MessageQuery): Promise<MessageRecord[]> };
  readonly logger?: Logger;
  readonly clock?: Clock;
}

/** A web chat channel: the adapter for the relay and the routes for the connector's server. */
export interface WebchatChannel {
  /** Registered with the relay, which calls `adapter.start(sink)`. */
  readonly adapter: ChannelAdapter;
  /** To register with `{ prefix: '/channels/<channel id>' }`. */
  readonly routes: FastifyPluginAsync;
  /** Paths below that prefix: the demo page and the widget's script. */
  readonly paths: { readonly demo: string; readonly widget: string };
}

/**
 * Creates a web chat channel. Throws `ConfigError` for invalid settings. The channel keeps no
 * state of its own: messages are in core's ledger, uploaded files in `attachments.directory`
 * (default `data/webchat/<channel id>`).
 */
export function createWebchatChannel(options: WebchatChannelOptions): WebchatChannel {
  const settings = parseWebchatSettings(options.channel);
  const clock = options.clock ?? new SystemClock();
  const logger = (options.logger ?? silentLogger).child({ channel: options.channel.id });
  const prefix = `/channels/${options.channel.id}`;
  const base = `${options.publicUrl.replace(/\/+$/, '')}${prefix}`;
  const tokens = new VisitorTokens(settings.secret, settings.visitorTokenTtlDays, clock);
  const links = new AttachmentLinks(
    settings.secret,
    base,
    settings.attachments.linkTtlSeconds,
    clock,
  );
  const files = new AttachmentFiles(
    settings.attachments.directory ?? join('data', 'webchat', options.channel.id),
  );
  const sockets = new VisitorSockets();
  const limits = new VisitorLimits(settings, clock);
  const adapter = new WebchatAdapter({
    settings,
    tokens,
    sockets,
    limits,
    background: new AttachmentSweep(files, settings.attachments.retentionDays, clock, logger),
    parse: {
      channel: options.channel.id,
      tokens,
      links,
      clock,
      frames: visitorFrameSchema(settings.maxTextLength),
    },
  });
  const routes = webchatRoutes({
    adapter,
    sockets,
    settings,
    tokens,
    files,
    links,
    limits,
    ledger: options.ledger,
    historyLimit: settings.historyLimit,
    maxFrameBytes: settings.maxFrameBytes,
    heartbeatSeconds: settings.heartbeatSeconds,
    clock,
    logger,
    demo: settings.demo,
    socketUrl: `${base.replace(/^http/, 'ws')}/ws`,
  });
  return { adapter, routes, paths: STATIC_PATHS };
}
