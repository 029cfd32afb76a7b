import { readFile } from 'node:fs/promises';
import { request as undiciRequest, type Dispatcher } from 'undici';
import { TransportCallError } from '../../errors/transport-errors.js';
import { callFailure } from '../call-failure.js';
import type { TransportConfig } from '../transport-config.js';
import { tvoxAuthorization } from './basic-authorization.js';
import { nodeSoapHttpClient, type NodeSoapHttpClient } from './node-soap-http-client.js';
import { loadTlsMaterial } from './tls-material.js';
import { tvoxDispatcher, type DispatcherSettings } from './tvox-dispatcher.js';

/** Settings of {@link TvoxHttpClient}; {@link TvoxHttpClient.forTvox} makes them from config. */
export interface TvoxHttpSettings extends DispatcherSettings {
  /** `Authorization` header value (HTTP Basic) sent to {@link trustedOrigins}, if any. */
  readonly authorization?: string;
  /** Origins (`scheme://host:port`) trusted with the credentials: TVox's and its description's. */
  readonly trustedOrigins: readonly string[];
}

/** One HTTP request to TVox. */
export interface TvoxHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The caller's abort, combined with the client's own deadline. */
  readonly signal?: AbortSignal;
}

/** An HTTP answer, read whole. Interpreting its status is the caller's job. */
export interface TvoxHttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** How to reach a description outside a configured transport (the `inspect` command). */
export interface DescriptionAccess {
  /** `Authorization` header value for a description behind credentials. */
  readonly authorization?: string;
  /** Time allowed for each download and for connecting; 10 s by default. */
  readonly timeoutMs?: number;
}

/** Whether a description source is a URL (otherwise it is a file). */
const isHttpUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/**
 * The HTTP layer between a transport and TVox, shared by the SOAP and REST transports: keep-alive
 * connections (undici) with the configured connection count, connect time-out, TLS material
 * (private CA, client certificate) and outbound proxy; one deadline per call (`timeoutMs`, answer
 * included) on top of the caller's signal; the `Authorization` header sent only to trusted
 * origins, never to a host a WSDL happens to name. Every failure to get an answer (time-out,
 * refused connection, TLS, proxy) is a retryable `TransportCallError` (see `callFailure`).
 */
export class TvoxHttpClient {
  private readonly dispatcher: Dispatcher;
  private closing: Promise<void> | undefined;
  private readonly trusted: ReadonlySet<string>;

  constructor(private readonly settings: TvoxHttpSettings) {
    this.dispatcher = tvoxDispatcher(settings);
    this.trusted = new Set(settings.trustedOrigins);
  }

  /**
   * The client a transport uses, from its configuration: `tvox.auth` (Basic) for TVox's origin
   * and the description's, `tvox.tls` (its files read now), `tvox.proxy`. Throws `ConfigError`
   * naming the setting when a TLS file cannot be read or used.
   */
  static forTvox(config: Pick<TransportConfig, 'connectorCode' | 'tvox'>): TvoxHttpClient {
    const { tvox } = config;
    const authorization = tvoxAuthorization(tvox.auth, config.connectorCode);
    return new TvoxHttpClient({
      timeoutMs: tvox.timeoutMs,
      connectTimeoutMs: tvox.connectTimeoutMs,
      maxConnections: tvox.maxConnections,
      trustedOrigins: [tvox.url, tvox.description ?? ''].filter(isHttpUrl).map(originOf),
      ...(authorization === undefined ? {} : { authorization }),
      ...(tvox.tls === undefined ? {} : { tls: loadTlsMaterial(tvox.tls) }),
      ...(tvox.proxy === undefined ? {} : { proxy: tvox.proxy }),
    });
  }

  /** A one-connection client for reading the description at `source` and its imports. */
  static forDescription(source: string, access: DescriptionAccess = {}): TvoxHttpClient {
    const timeoutMs = access.timeoutMs ?? 10_000;
    return new TvoxHttpClient({
      timeoutMs,
      connectTimeoutMs: timeoutMs,
      maxConnections: 1,
      trustedOrigins: isHttpUrl(source) ? [originOf(source)] : [],
      ...(access.authorization === undefined ? {} : { authorization: access.authorization }),
    });
  }

  /** Sends `request` for `command` (which names failures) and reads the whole answer. */
  async request(command: string, request: TvoxHttpRequest): Promise<TvoxHttpAnswer> {
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await undiciRequest(request.url, {
        method: request.method,
        headers: this.headersFor(request),
        ...(request.body === undefined ? {} : { body: request.body }),
        dispatcher: this.dispatcher,
        signal: request.signal ? AbortSignal.any([request.signal, deadline]) : deadline,
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        text: await response.body.text(),
      };
    } catch (error) {
      throw callFailure(command, error, request.url);
    }
  }

  /**
   * Reads a description (WSDL, WADL, XSD): GET from a URL, whatever its status, or the text of a
   * file (a file that cannot be read is a retryable `TransportCallError`, as an unreachable URL).
   */
  async readDescription(source: string): Promise<TvoxHttpAnswer> {
    if (isHttpUrl(source)) {
      return this.request('loadDescription', {
        method: 'GET',
        url: source,
        headers: { accept: 'application/xml, text/xml;q=0.9' },
      });
    }
    try {
      return { status: 200, headers: {}, text: await readFile(source, 'utf8') };
    } catch (error) {
      throw new TransportCallError(
        'loadDescription',
        'connection',
        `cannot read ${source}: ${(error as Error).message}`,
        undefined,
        { cause: error },
      );
    }
  }

  /**
   * This client as node soap's `httpClient` option (see {@link nodeSoapHttpClient}); `rebase`
   * rewrites the URL of each description document (the WSDL's imports) before it is fetched.
   */
  forNodeSoap(rebase?: (url: string) => string): NodeSoapHttpClient {
    return nodeSoapHttpClient(this, rebase);
  }

  /** Closes the keep-alive connections; closing again does nothing (a transport stops twice). */
  async close(): Promise<void> {
    this.closing ??= this.dispatcher.close();
    await this.closing;
  }

  private headersFor(request: TvoxHttpRequest): Record<string, string> {
    const headers = { ...request.headers };
    const { authorization } = this.settings;
    if (authorization !== undefined && this.trusted.has(originOf(request.url))) {
      headers.authorization = authorization;
    }
    return headers;
  }
}

function originOf(url: string): string {
  return new URL(url).origin;
}
