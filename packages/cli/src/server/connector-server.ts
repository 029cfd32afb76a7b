import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import {
  RateLimitedError,
  isReady,
  type ChannelAdapter,
  type GaugeName,
  type HttpEndpoint,
  type JobKind,
  type Logger,
  type Relay,
  type ServerConfig,
} from '@tvox-connector/core';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
} from 'fastify';
import type { PrometheusMetrics } from '../observability/prometheus-metrics.js';
import { routeLimits } from './route-limits.js';
import { webhookRoutes } from './webhook-routes.js';

/** Routes a channel serves beside its webhook (a web chat's page, socket and uploads). */
export interface ChannelRoutes {
  /** Mount point, e.g. `/channels/webchat`. */
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync;
}

/** What the connector's HTTP server serves. */
export interface ConnectorServerOptions {
  readonly config: ServerConfig;
  readonly relay: Relay;
  /** Each adapter's webhook is served at `/webhooks/<channel id>` (and below it). */
  readonly adapters: readonly ChannelAdapter[];
  /** Other framework-independent endpoints: the transport's push callback. */
  readonly endpoints: readonly HttpEndpoint[];
  readonly channelRoutes: readonly ChannelRoutes[];
  readonly metrics: PrometheusMetrics;
  /** A pino logger (`createLogger`), shared with fastify's request logging. */
  readonly logger: Logger & FastifyBaseLogger;
}

/** The outbox gauge's `direction` label of each job kind. */
const DIRECTION_OF: Readonly<Record<JobKind, string>> = {
  deliverInbound: 'inbound',
  deliverOutbound: 'outbound',
  applyEvent: 'events',
};

/** Gauges read afresh from the store at each scrape. */
const STORE_GAUGES: readonly GaugeName[] = [
  'tvox_outbox_depth',
  'tvox_outbox_oldest_age_seconds',
  'tvox_sessions',
];

/**
 * The connector's HTTP server (fastify): channel webhooks, the TVox push callback, the channels'
 * own routes, `/healthz` (the process is alive), `/readyz` (store, TVox, adapters) and
 * `/metrics` (Prometheus). An adapter's extra `routes` are served below its webhook's mount
 * point, streamed answers piped as they come. Webhooks and the callback get the raw body, each
 * bounded by its route's limit (`routeLimits`), for their signature checks. Each request is
 * logged with its request id, which the webhook's own log lines carry too.
 *
 * Against clients that hold connections open: a request must arrive whole within
 * `server.requestTimeoutMs` (its headers within `server.headersTimeoutMs`), else it is answered
 * 408 and its connection closed; idle keep-alive connections close after
 * `server.keepAliveTimeoutMs`; beyond `server.maxConnections` open at once new ones are closed.
 * The channels' own routes (the web chat's, for anonymous visitors) are limited per client
 * address (`server.visitorRateLimit`), the address read through `server.trustProxy`; networks'
 * webhooks are not, since they come from few addresses.
 */
export async function createConnectorServer(
  options: ConnectorServerOptions,
): Promise<FastifyInstance> {
  const { config, relay, metrics } = options;
  const limits = routeLimits(config);
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: limits.otherBytes,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    trustProxy: trustedProxies(config.trustProxy),
  });
  limitConnections(app, config);

  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks = await relay.readiness();
    const ready = isReady(checks);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (_request, reply) => {
    await refreshStoreGauges(relay, metrics, options.logger);
    metrics.set('tvox_up', relay.tvoxStatus().ok ? 1 : 0);
    return reply.type(metrics.contentType).send(await metrics.render());
  });

  await app.register(webhookRoutes, {
    sink: relay,
    adapters: options.adapters,
    endpoints: options.endpoints,
    metrics,
    limits,
  });

  // One WebSocket server for every channel that takes sockets (web chats). Each channel checks
  // its own frame limit and answers an error frame; this cap, above it, only bounds memory.
  if (options.channelRoutes.length > 0) {
    await app.register(websocket, { options: { maxPayload: limits.socketFrameBytes } });
  }
  for (const routes of options.channelRoutes) {
    await app.register(
      async (channel) => {
        // Registered in the channel's scope: its routes alone are limited, per client address.
        const { max, timeWindowMs } = config.visitorRateLimit;
        await channel.register(rateLimit, {
          max,
          timeWindow: timeWindowMs,
          errorResponseBuilder: (_request, context) =>
            new RateLimitedError(
              `requests from this address (at most ${max} per window)`,
              context.ttl,
            ),
        });
        await channel.register(routes.plugin);
      },
      { prefix: routes.prefix },
    );
  }
  return app;
}

/** `server.trustProxy` as fastify takes it: a hop count as the function of hops it stands for. */
function trustedProxies(
  trust: ServerConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

/**
 * The time-outs fastify does not set, and the cap on open connections, on the node server. Node
 * checks time-outs every `connectionsCheckingInterval` (30 s by default, longer than the
 * time-outs themselves may be): checked four times per headers time-out, at most every second.
 */
function limitConnections(app: FastifyInstance, config: ServerConfig): void {
  const server = app.server;
  server.headersTimeout = config.headersTimeoutMs;
  server.maxConnections = config.maxConnections;
  const interval = Math.max(10, Math.min(1_000, Math.floor(config.headersTimeoutMs / 4)));
  (server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = interval;
}

/** Sets the outbox and session gauges from one reading of the store; a failure is logged. */
async function refreshStoreGauges(
  relay: Relay,
  metrics: PrometheusMetrics,
  logger: Logger,
): Promise<void> {
  try {
    const { outbox, sessions } = await relay.stats();
    for (const gauge of STORE_GAUGES) metrics.resetGauge(gauge);
    for (const kind of outbox) {
      const labels = { direction: DIRECTION_OF[kind.kind] };
      metrics.set('tvox_outbox_depth', kind.depth, labels);
      metrics.set('tvox_outbox_oldest_age_seconds', kind.oldestAgeMs / 1000, labels);
    }
    for (const { status, count } of sessions) metrics.set('tvox_sessions', count, { status });
  } catch (error) {
    logger.warn({ err: error }, 'reading the outbox for metrics failed');
  }
}
