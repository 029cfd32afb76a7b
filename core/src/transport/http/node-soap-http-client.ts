import { descriptionText } from './description-text.js';
import type { TvoxHttpClient } from './tvox-http-client.js';

/** Per-call options a SOAP transport hands node soap, which passes them to its HTTP client. */
export interface NodeSoapCallOptions {
  /** The contract command, to name failures; absent for the WSDL and its imports. */
  readonly command?: string;
  readonly signal?: AbortSignal;
}

/** The response node soap reads: it looks at `status`, `headers` and `data`. */
export interface NodeSoapResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly data: string;
}

/** node soap's callback for an HTTP exchange. */
export type NodeSoapCallback = (error: unknown, response?: NodeSoapResponse, body?: string) => void;

/**
 * The shape node soap calls as its `httpClient` option. node soap ignores what `request` returns,
 * so its declared type (an axios promise) does not apply: pass this with a cast to `IHttpClient`.
 */
export interface NodeSoapHttpClient {
  request(
    url: string,
    data: string | null,
    callback: NodeSoapCallback,
    headers?: Readonly<Record<string, unknown>>,
    options?: NodeSoapCallOptions,
  ): void;
}

/**
 * node soap's HTTP layer over a {@link TvoxHttpClient}, instead of node soap's default (axios),
 * which costs most of a call's CPU. node soap GETs the WSDL and its imports (`data === null`) and
 * POSTs calls. A description GET that does not answer 200 fails with a `TransportCallError`
 * (`http-status`), so that `start()` says why; a call's answer is passed to node soap whatever its
 * status, since SOAP faults come with HTTP 500.
 */
export function nodeSoapHttpClient(
  http: TvoxHttpClient,
  rebase: (url: string) => string = (url) => url,
): NodeSoapHttpClient {
  return {
    request(url, data, callback, headers = {}, options = {}) {
      exchange(http, data === null ? rebase(url) : url, data, headers, options).then(
        (response) => {
          callback(null, response, response.data);
        },
        (error: unknown) => {
          callback(error);
        },
      );
    },
  };
}

async function exchange(
  http: TvoxHttpClient,
  url: string,
  data: string | null,
  extraHeaders: Readonly<Record<string, unknown>>,
  options: NodeSoapCallOptions,
): Promise<NodeSoapResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
  }
  const answer = await http.request(options.command ?? 'loadDescription', {
    method: data === null ? 'GET' : 'POST',
    url,
    headers,
    ...(data === null ? {} : { body: data }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = data === null ? descriptionText(url, answer) : answer.text;
  return { status: answer.status, headers: answer.headers, data: text };
}
