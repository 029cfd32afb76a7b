import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  AdapterRoute,
  HttpAnswer,
  HttpEndpoint,
  RouteAnswer,
  WebhookHeaders,
  WebhookRequest,
} from '@tvox-connector/core';

/** A running server for {@link serveEndpoints}. */
export interface ServedEndpoints {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Options of {@link serveEndpoints}. */
export interface ServeOptions {
  /** Largest body read; beyond it the route's `oversize` answers, or a bare 413. */
  readonly bodyLimitBytes?: number;
  readonly host?: string;
  readonly port?: number;
}

/**
 * A route at a full path: what {@link serveRoutes} serves, with an endpoint's checks on the headers
 * before the body is read (`screen`) and its answer to a body over the limit (`oversize`).
 */
export type ServedRoute = AdapterRoute & Pick<HttpEndpoint, 'screen' | 'oversize'>;

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

async function writeAnswer(response: ServerResponse, answer: RouteAnswer): Promise<void> {
  response.writeHead(answer.status, answer.headers);
  const { body } = answer;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    response.end(body);
    return;
  }
  await pipeline(Readable.from(body), response);
}

function routeAnswer(answer: HttpAnswer): RouteAnswer {
  return {
    status: answer.status,
    headers: { 'content-type': answer.contentType },
    body: answer.body,
  };
}

/** An endpoint as a route: its string answer with its content type. */
export function endpointRoute(endpoint: HttpEndpoint): ServedRoute {
  return {
    method: endpoint.method,
    path: endpoint.path,
    handle: async (request) => routeAnswer(await endpoint.handle(request)),
    ...(endpoint.screen ? { screen: endpoint.screen.bind(endpoint) } : {}),
    ...(endpoint.oversize ? { oversize: endpoint.oversize.bind(endpoint) } : {}),
  };
}

/**
 * Serves routes on a plain Node HTTP server, as the connector's server would: a route's `screen`
 * on the headers first, then the raw body bounded by a limit (the route's `oversize` or 413
 * beyond it), 404 for other paths, 405 for other methods, streamed answers piped.
 * `routes` may be a function, read at each request, for routes that exist only once the server's
 * URL is known. For tests and small tools.
 */
export async function serveRoutes(
  routes: readonly ServedRoute[] | (() => readonly ServedRoute[]),
  options: ServeOptions = {},
): Promise<ServedEndpoints> {
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  const current = typeof routes === 'function' ? routes : () => routes;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const atPath = current().filter((r) => r.path === url.pathname);
    const route = atPath.find((r) => r.method === request.method);
    if (!route) {
      if (atPath.length === 0) response.writeHead(404).end();
      else response.writeHead(405, { allow: atPath.map((r) => r.method).join(', ') }).end();
      return;
    }
    void (async () => {
      const headers: WebhookHeaders = {
        method: route.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(request),
      };
      // Refused on its headers, or over the limit: answered unread, the connection closed.
      const refused = await route.screen?.(headers);
      if (refused !== undefined) {
        await writeAnswer(response.setHeader('connection', 'close'), routeAnswer(refused));
        return;
      }
      const rawBody = await readBody(request, limit);
      if (rawBody === undefined) {
        const oversize = await route.oversize?.(headers, limit);
        if (oversize === undefined) response.writeHead(413, { connection: 'close' }).end();
        else await writeAnswer(response.setHeader('connection', 'close'), routeAnswer(oversize));
        return;
      }
      const webhook: WebhookRequest = { ...headers, rawBody };
      await writeAnswer(response, await route.handle(webhook));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Serves framework-independent endpoints (a transport's `callback`) on a plain Node HTTP server,
 * as the connector's server would: headers screened, raw body bounded by a limit (the endpoint's
 * `oversize` beyond it), 404 for other
 * paths, 405 for other methods. `endpoints` may be a function, read at each request, for endpoints
 * that exist only once the server's URL is known. For tests and small tools.
 */
export async function serveEndpoints(
  endpoints: readonly HttpEndpoint[] | (() => readonly HttpEndpoint[]),
  options: ServeOptions = {},
): Promise<ServedEndpoints> {
  const current = typeof endpoints === 'function' ? endpoints : () => endpoints;
  return serveRoutes(() => current().map(endpointRoute), options);
}
