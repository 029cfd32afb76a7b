import { TransportCallError, callFailure } from '@tvox-connector/core';
import type { IHttpClient } from 'soap';
import { Agent, request } from 'undici';

/** How long idle keep-alive connections to TVox stay open. */
const KEEP_ALIVE_MS = 30_000;

/** Settings of {@link UndiciHttpClient}. */
export interface HttpSettings {
  /** Time allowed for one call, answer included; also undici's headers and body time-outs. */
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Keep-alive connections per origin. */
  readonly maxConnections: number;
  /** `Authorization` header value sent to `credentialOrigins` (HTTP Basic), if any. */
  readonly authorization?: string;
  /** Origins (`scheme://host:port`) trusted with the credentials: TVox and its description. */
  readonly credentialOrigins: readonly string[];
}

/** Per-call options the transport hands node soap, which passes them to the HTTP client. */
export interface CallHttpOptions {
  /** The contract command, to name failures. */
  readonly command?: string;
  readonly signal?: AbortSignal;
}

/** The response node soap reads: it looks at `status`, `headers` and `data`. */
export interface SoapHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly data: string;
}

type SoapCallback = (error: unknown, response?: SoapHttpResponse, body?: string) => void;

/**
 * node soap's HTTP layer over an undici `Agent`: keep-alive pools per origin with the configured
 * connection count and time-outs, instead of node soap's default (axios), which costs most of a
 * call's CPU. It sends GET for the WSDL and its imports (`data === null`) and POST for calls.
 *
 * A WSDL or schema that does not answer 200 fails with a `TransportCallError` (`http-status`),
 * so that `start()` says why; a call's answer is passed to node soap whatever its status, since
 * SOAP faults come with HTTP 500. Time-outs and connection failures are retryable
 * `TransportCallError`s.
 */
export class UndiciHttpClient {
  private readonly agent: Agent;
  private readonly trusted: ReadonlySet<string>;

  constructor(private readonly settings: HttpSettings) {
    this.agent = new Agent({
      connections: settings.maxConnections,
      connect: { timeout: settings.connectTimeoutMs },
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      keepAliveTimeout: KEEP_ALIVE_MS,
    });
    this.trusted = new Set(settings.credentialOrigins);
  }

  /** Closes the keep-alive connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** This client as node soap's `httpClient` option. */
  forNodeSoap(): IHttpClient {
    const request = this.request.bind(this);
    // node soap ignores what `request` returns; its declared type (an axios promise) does not apply.
    return { request } as unknown as IHttpClient;
  }

  /** node soap's `request(url, data, callback, headers, options)`, over undici. */
  request(
    url: string,
    data: string | null,
    callback: SoapCallback,
    headers: Readonly<Record<string, unknown>> = {},
    options: CallHttpOptions = {},
  ): void {
    this.send(url, data, headers, options).then(
      (response) => {
        callback(null, response, response.data);
      },
      (error: unknown) => {
        callback(error);
      },
    );
  }

  private async send(
    url: string,
    data: string | null,
    extraHeaders: Readonly<Record<string, unknown>>,
    options: CallHttpOptions,
  ): Promise<SoapHttpResponse> {
    const command = options.command ?? 'loadDescription';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(extraHeaders)) {
      if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
    }
    if (this.settings.authorization !== undefined && this.trusted.has(new URL(url).origin)) {
      headers.authorization = this.settings.authorization;
    }
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    let response;
    let text;
    try {
      response = await request(url, {
        method: data === null ? 'GET' : 'POST',
        headers,
        ...(data === null ? {} : { body: data }),
        dispatcher: this.agent,
        signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
      });
      text = await response.body.text();
    } catch (error) {
      throw callFailure(command, error);
    }
    if (data === null && response.statusCode !== 200) {
      throw new TransportCallError(
        command,
        'http-status',
        `GET ${url} answered HTTP ${response.statusCode}`,
        response.statusCode,
      );
    }
    return { status: response.statusCode, headers: response.headers, data: text };
  }
}
