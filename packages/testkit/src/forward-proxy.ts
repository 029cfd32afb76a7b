import { createServer, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenOnLoopback, passOn } from './loopback-server.js';

/** One request a {@link ForwardProxy} received. */
export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the verb of a request in absolute form. */
  readonly method: string;
  /** `host:port` of a tunnel, or the absolute URL of a request. */
  readonly target: string;
  /** The `Proxy-Authorization` header, if any. */
  readonly proxyAuthorization?: string;
}

/** Options of {@link startForwardProxy}. */
export interface ForwardProxyOptions {
  /** Basic credentials the proxy requires (407 without them). */
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** A forward proxy on a loopback port. */
export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, without credentials. */
  readonly url: string;
  /** Every request received, refused ones included. */
  readonly requests: ProxiedRequest[];
  /** Closes the proxy and every connection and tunnel through it. */
  stop(): Promise<void>;
}

/** Request headers meant for the proxy, not passed on. */
const HOP_HEADERS = new Set(['proxy-authorization', 'proxy-connection']);

/**
 * A minimal HTTP forward proxy, as an operator's would sit between the connector and TVox:
 * `CONNECT host:port` opens a tunnel (for `https://` targets), a request in absolute form
 * (`GET http://host/path`) is forwarded. With `credentials`, anything without the matching
 * `Proxy-Authorization: Basic` is answered 407.
 */
export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Duplex>();
  const expected =
    options.credentials &&
    `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
  const admitted = (request: IncomingMessage, target: string): boolean => {
    const proxyAuthorization = request.headers['proxy-authorization'];
    requests.push({
      method: request.method ?? 'GET',
      target,
      ...(proxyAuthorization === undefined ? {} : { proxyAuthorization }),
    });
    return expected === undefined || proxyAuthorization === expected;
  };

  const server = createServer((request, response) => {
    const target = request.url ?? '';
    if (!admitted(request, target)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    const headers: OutgoingHttpHeaders = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !HOP_HEADERS.has(name)),
    );
    passOn(request, response, target, headers);
  });

  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = request.url ?? '';
    if (!admitted(request, target)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = target.split(/:(?=\d+$)/);
    const upstream: Socket = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      client.destroy();
    });
  });

  const listening = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    requests,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return listening.stop();
    },
  };
}
