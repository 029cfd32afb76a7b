import { NetworkApiError } from '@tvox-connector/core';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { GraphErrorBody, graphErrorToNetworkError } from './graph-error.js';

/** Where and how a {@link GraphClient} reaches the Graph API. */
export interface GraphClientOptions {
  /** The network its errors name, e.g. `messenger`. */
  readonly network: string;
  /** e.g. `https://graph.facebook.com`, without a trailing slash; a test's fake in its place. */
  readonly apiRoot: string;
  /** The pinned Graph API version, e.g. `v21.0`. */
  readonly version: string;
  /** Longest wait for one call (headers and body each), in milliseconds. */
  readonly timeoutMs: number;
}

/** A file being downloaded: its type and size if the server said, and its bytes as they come. */
export interface MediaDownload {
  readonly contentType: string | undefined;
  readonly size: number | undefined;
  readonly body: AsyncIterable<Uint8Array>;
}

/** How many redirects a media download follows (CDNs answer with one). */
const MAX_REDIRECTS = 3;

/** Headers of an undici answer, as a plain record. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The Graph API calls of an adapter, with undici: `POST {apiRoot}/{version}/{path}` with a JSON
 * body, the access token in the `Authorization` header (never in the URL, so never in a log line
 * that names the URL, nor in an error), the answer checked with the caller's schema, and every
 * failure a `NetworkApiError`: a Graph error body mapped by `graphErrorToNetworkError`, an answer
 * that is not Graph's by its status, no answer at all without a status (retried).
 */
export class GraphClient {
  private readonly media: Dispatcher;

  constructor(private readonly options: GraphClientOptions) {
    this.media = new Agent().compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  }

  /** `https://graph.facebook.com/v21.0/<path>`: the URL of a Graph path. */
  url(path: string): string {
    return `${this.options.apiRoot}/${this.options.version}/${path.replace(/^\/+/, '')}`;
  }

  /**
   * POSTs `body` as JSON to `path` with `accessToken`; resolves with the answer as `answer`
   * reads it. A 2xx answer `answer` does not read is a permanent failure: the call may have taken
   * effect, so it is not made again.
   */
  post<T>(
    operation: string,
    path: string,
    accessToken: string,
    body: unknown,
    answer: z.ZodType<T>,
  ): Promise<T> {
    return this.call('POST', operation, path, accessToken, body, answer);
  }

  /**
   * GETs `path` with `accessToken` (a WhatsApp media id's short-lived URL, say); resolves with
   * the answer as `answer` reads it. Failures as for {@link GraphClient.post}.
   */
  get<T>(operation: string, path: string, accessToken: string, answer: z.ZodType<T>): Promise<T> {
    return this.call('GET', operation, path, accessToken, undefined, answer);
  }

  private async call<T>(
    method: 'GET' | 'POST',
    operation: string,
    path: string,
    accessToken: string,
    body: unknown,
    answer: z.ZodType<T>,
  ): Promise<T> {
    const { network, timeoutMs } = this.options;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.url(path), {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw unreachable(network, operation, error);
    }
    const json = await readJson(response);
    const meta = { status: response.statusCode, headers: response.headers as Headers };
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const read = answer.safeParse(json);
      if (read.success) return read.data;
      throw new NetworkApiError(
        network,
        operation,
        'the Graph API answered with an unknown shape',
        {
          status: response.statusCode,
          retryable: false,
        },
      );
    }
    const refused = GraphErrorBody.safeParse(json);
    if (refused.success) {
      throw graphErrorToNetworkError(network, operation, meta, refused.data.error);
    }
    throw new NetworkApiError(network, operation, 'the Graph API answered without a Graph error', {
      status: response.statusCode,
    });
  }

  /**
   * Downloads a file Meta serves by URL (a customer's attachment on Meta's CDN, whose URL carries
   * its own signature): no access token is sent, unless `accessToken` is given (WhatsApp's media
   * URLs want it, in the `Authorization` header). Streams the bytes; a refusal is a
   * `NetworkApiError` with the status.
   */
  async download(url: string, accessToken?: string): Promise<MediaDownload> {
    const { network, timeoutMs } = this.options;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        dispatcher: this.media,
        ...(accessToken === undefined
          ? {}
          : { headers: { authorization: `Bearer ${accessToken}` } }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw unreachable(network, 'download', error);
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new NetworkApiError(network, 'download', 'Meta refused the download', {
        status: response.statusCode,
      });
    }
    const length = Number(response.headers['content-length']);
    const type = response.headers['content-type'];
    return {
      contentType: typeof type === 'string' ? type : undefined,
      size: Number.isSafeInteger(length) ? length : undefined,
      body: response.body,
    };
  }

  /** Closes the connections of media downloads. */
  async close(): Promise<void> {
    await this.media.close();
  }
}

/** An answer's JSON, or undefined when it has none. */
async function readJson(response: Dispatcher.ResponseData): Promise<unknown> {
  const text = await response.body.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The call got no answer (refused connection, time-out): retried, without a status. Only the
 * error's kind is kept: undici's own message may name the URL, which for a download is signed.
 */
function unreachable(network: string, operation: string, error: unknown): NetworkApiError {
  const kind = error instanceof Error ? error.name : 'error';
  return new NetworkApiError(network, operation, `the Graph API could not be reached (${kind})`);
}
