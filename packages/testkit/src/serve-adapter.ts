import {
  noopMetrics,
  silentLogger,
  webhookEndpoint,
  type ChannelAdapter,
  type InboundSink,
  type Logger,
  type Metrics,
} from '@tvox-connector/core';
import {
  endpointRoute,
  serveRoutes,
  type ServeOptions,
  type ServedEndpoints,
  type ServedRoute,
} from './serve-endpoints.js';

/** Options of {@link serveAdapter}. */
export interface ServeAdapterOptions extends ServeOptions {
  /** Where the webhook is mounted; the adapter's routes go below it. `/webhook` by default. */
  readonly mount?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** A running server for {@link serveAdapter}. */
export interface ServedAdapter extends ServedEndpoints {
  /** The webhook's URL: `url` followed by the mount point. */
  readonly webhookUrl: string;
}

/**
 * Serves an adapter as the connector's server does: its webhook through core's `webhookEndpoint`
 * into `sink` at `{mount}`, and each of its `routes` at `{mount}{path}`. `adapter` may be a
 * function, read at each request, for an adapter built once the server's URL is known (its own
 * links point at it); until it returns one, every path answers 404.
 */
export async function serveAdapter(
  adapter: ChannelAdapter | (() => ChannelAdapter | undefined),
  sink: InboundSink,
  options: ServeAdapterOptions = {},
): Promise<ServedAdapter> {
  const mount = options.mount ?? '/webhook';
  const current = typeof adapter === 'function' ? adapter : () => adapter;
  let routes: { readonly adapter: ChannelAdapter; readonly routes: ServedRoute[] } | undefined;
  const routesOf = (served: ChannelAdapter): ServedRoute[] => [
    endpointRoute(
      webhookEndpoint(
        served,
        sink,
        mount,
        options.logger ?? silentLogger,
        options.metrics ?? noopMetrics,
      ),
    ),
    ...(served.routes ?? []).map((route): ServedRoute => ({
      method: route.method,
      path: `${mount}${route.path}`,
      handle: (request) => route.handle(request),
    })),
  ];
  const server = await serveRoutes(() => {
    const served = current();
    if (served === undefined) return [];
    if (routes?.adapter !== served) routes = { adapter: served, routes: routesOf(served) };
    return routes.routes;
  }, options);
  return { ...server, webhookUrl: `${server.url}${mount}` };
}
