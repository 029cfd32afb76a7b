import { Agent, EnvHttpProxyAgent, buildConnector, type Dispatcher } from 'undici';
import type { TvoxProxy } from '../../config/tvox-connection.js';
import type { TlsMaterial } from './tls-material.js';

/** How long idle keep-alive connections to TVox stay open. */
const KEEP_ALIVE_MS = 30_000;

/** What the connections to TVox are made with. */
export interface DispatcherSettings {
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxConnections: number;
  readonly tls?: TlsMaterial;
  readonly proxy?: TvoxProxy;
}

/**
 * undici's dispatcher for TVox: keep-alive pools per origin with the configured connection count
 * and time-outs and the TLS material; with a proxy, undici's `EnvHttpProxyAgent` given the
 * proxy and `noProxy` explicitly (so the process's `HTTP_PROXY`/`NO_PROXY` play no part), which
 * picks a direct agent or a `ProxyAgent` per host. Plain `http://` origins are sent to the proxy
 * in absolute form rather than tunnelled: proxies commonly allow `CONNECT` to port 443 only.
 */
export function tvoxDispatcher(settings: DispatcherSettings): Dispatcher {
  const pools = {
    connections: settings.maxConnections,
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    connect: connector(settings.tls, settings.connectTimeoutMs),
  };
  const { proxy } = settings;
  if (proxy === undefined) return new Agent(pools);
  return new EnvHttpProxyAgent({
    ...pools,
    httpProxy: proxy.url,
    httpsProxy: proxy.url,
    noProxy: proxy.noProxy.join(','),
    proxyTunnel: false,
    // Through a tunnel, TLS to TVox is made with requestTls; proxyTls is for the proxy itself,
    // verified against the public CAs (tvox.tls.ca is TVox's, not the proxy's).
    requestTls: { ...settings.tls, timeout: settings.connectTimeoutMs },
    proxyTls: { timeout: settings.connectTimeoutMs },
  });
}

/**
 * undici's connect options for TVox. A configured `servername` needs a connector of its own:
 * undici names the server after each request's host, which wins over a plain option.
 */
function connector(
  tls: TlsMaterial | undefined,
  timeout: number,
): buildConnector.BuildOptions | buildConnector.connector {
  const options = { ...tls, timeout };
  const servername = tls?.servername;
  if (servername === undefined) return options;
  const connect = buildConnector(options);
  return (target, callback) => {
    connect({ ...target, servername }, callback);
  };
}
