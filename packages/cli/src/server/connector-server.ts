import websocket from '@fastify/websocket';
import {
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
 * point, streamed answers piped as they come. Webhooks and the callback get the raw body, bounded by
 * `server.bodyLimitBytes` (413 beyond it), for their signature checks. Each request is logged
 * with its request id, which the webhook's own log lines carry too.
 */
export async function createConnectorServer(
  options: ConnectorServerOptions,
): Promise<FastifyInstance> {
  const { config, relay, metrics } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: config.bodyLimitBytes,
  });

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
  });

  // One WebSocket server for every channel that takes sockets (web chats), frames bounded like bodies.
  if (options.channelRoutes.length > 0) {
    await app.register(websocket, { options: { maxPayload: config.bodyLimitBytes } });
  }
  for (const routes of options.channelRoutes) {
    await app.register(routes.plugin, { prefix: routes.prefix });
  }
  return app;
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
