import { readFile } from 'node:fs/promises';
import { TransportCallError, callFailure, type TvoxConfig } from '@tvox-connector/core';
import { Pool, request, type Dispatcher } from 'undici';

/** An HTTP answer, read whole. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** The verbs a contract profile may bind an operation to. */
export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** How long idle keep-alive connections to TVox stay open. */
const KEEP_ALIVE_MS = 30_000;

/**
 * HTTP to TVox: one keep-alive pool with the configured time-outs and credentials. Turns every
 * failure to get an answer into a retryable `TransportCallError` (time-out, connection error);
 * interpreting statuses is the caller's job.
 */
export class TvoxHttp {
  private readonly pool: Pool;
  private readonly authorization: string | undefined;
  readonly origin: string;
  /** The TVox URL's own path (empty, or a proxy's prefix such as `/tvox`). */
  readonly prefix: string;
  /** Path prefix of the REST endpoint, e.g. `/mc/cxf/rest`. */
  readonly restPath: string;

  constructor(
    private readonly config: TvoxConfig,
    connectorCode: string,
  ) {
    const url = new URL(config.url);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/$/, '');
    this.restPath = `${this.prefix}/mc/cxf/rest`;
    this.pool = new Pool(this.origin, {
      connections: config.maxConnections,
      connectTimeout: config.connectTimeoutMs,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      keepAliveTimeout: KEEP_ALIVE_MS,
    });
    const auth = config.auth;
    this.authorization =
      auth.kind === 'basic'
        ? `Basic ${Buffer.from(`${auth.username ?? connectorCode}:${auth.password}`).toString('base64')}`
        : undefined;
  }

  /** Calls `verb path` (path below the origin, query included) and reads the whole answer. */
  async call(
    command: string,
    verb: HttpVerb,
    path: string,
    body: string | undefined,
    signal?: AbortSignal,
  ): Promise<RawAnswer> {
    return this.send(command, this.pool, `${this.origin}${path}`, verb, body, signal);
  }

  /** Reads the WADL: from a URL (with the credentials), a file, or TVox's own `?_wadl`. */
  async description(source: string | undefined): Promise<RawAnswer> {
    if (source !== undefined && !/^https?:\/\//i.test(source)) {
      try {
        return {
          status: 200,
          contentType: 'application/xml',
          text: await readFile(source, 'utf8'),
        };
      } catch (error) {
        throw new TransportCallError(
          'loadDescription',
          'connection',
          `cannot read ${source}: ${(error as Error).message}`,
        );
      }
    }
    const url = source ?? `${this.origin}${this.restPath}?_wadl`;
    const dispatcher = new URL(url).origin === this.origin ? this.pool : undefined;
    return this.send('loadDescription', dispatcher, url, 'GET', undefined);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async send(
    command: string,
    dispatcher: Dispatcher | undefined,
    url: string,
    verb: HttpVerb,
    body: string | undefined,
    signal?: AbortSignal,
  ): Promise<RawAnswer> {
    const headers: Record<string, string> = { accept: 'application/json, application/xml;q=0.9' };
    if (this.authorization) headers.authorization = this.authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // One deadline for the whole call, answer included, on top of the caller's own signal.
    const deadline = AbortSignal.timeout(this.config.timeoutMs);
    try {
      const response = await request(url, {
        method: verb,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(dispatcher ? { dispatcher } : {}),
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        text: await response.body.text(),
      };
    } catch (error) {
      throw callFailure(command, error);
    }
  }
}
