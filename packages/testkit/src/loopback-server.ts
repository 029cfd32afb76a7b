import {
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on a loopback port. */
export interface Listening {
  readonly port: number;
  /** Drops every connection and stops listening. */
  readonly stop: () => Promise<void>;
}

/** Starts `server` (node:http or node:https) on a free port of 127.0.0.1. */
export async function listenOnLoopback(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Passes `request` on to the plain-HTTP `url` and its answer back (502 when unreachable). */
export function passOn(
  request: IncomingMessage,
  response: ServerResponse,
  url: string,
  headers: OutgoingHttpHeaders,
): void {
  const upstream = httpRequest(url, { method: request.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => response.writeHead(502).end());
  request.pipe(upstream);
}
