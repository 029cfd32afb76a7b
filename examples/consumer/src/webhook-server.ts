import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpEndpoint } from '@tvox-connector/core';

/** Largest webhook body taken; a larger one is answered 413 unread. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** A running {@link serveWebhooks} server. */
export interface WebhookServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Serves these endpoints from now on (the channels are known once the URL is). */
  serve(endpoints: readonly HttpEndpoint[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
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

function answer(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType }).end(body);
}

/**
 * The application's HTTP server, node's own: each core endpoint (a channel's webhook through
 * core's inbound gate) at its path, its raw body read up to 1 MiB (413 beyond), 404 elsewhere.
 */
export async function serveWebhooks(host = '127.0.0.1', port = 0): Promise<WebhookServer> {
  let endpoints: readonly HttpEndpoint[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const endpoint = endpoints.find((e) => e.path === url.pathname && e.method === request.method);
    if (endpoint === undefined) {
      answer(response, 404, 'application/json', '{"error":"not found"}');
      return;
    }
    void (async () => {
      const rawBody = await readBody(request);
      if (rawBody === undefined) {
        answer(response, 413, 'application/json', '{"error":"body too large"}');
        return;
      }
      const reply = await endpoint.handle({
        method: request.method ?? 'POST',
        path: '/',
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(request),
        rawBody,
      });
      answer(response, reply.status, reply.contentType, reply.body);
    })().catch(() => {
      // An endpoint answers its own errors; this is the client going away mid-request.
      response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${listening}`,
    serve(next) {
      endpoints = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
