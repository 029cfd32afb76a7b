import type { WebhookHeaders, WebhookRequest } from './channel-adapter.js';

/** What an HTTP endpoint answers. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * An HTTP endpoint a package needs served, independent of any web framework: the server that
 * mounts it (the connector's, or a test's) first `screen`s the request on its headers, then reads
 * the raw body up to the route's size limit and hands the request over; beyond the limit it asks
 * `oversize` for the answer and never reads the body. A transport in push mode exposes the
 * callback TVox calls this way.
 */
export interface HttpEndpoint {
  readonly method: 'POST';
  /** Path the endpoint is mounted at, starting with `/`. */
  readonly path: string;
  /** Handles one request; never throws (errors are answers: 400, 401, 503). */
  handle(request: WebhookRequest): Promise<HttpAnswer>;
  /**
   * Checks a request on its headers alone, before its body is read (its content type, a
   * credential carried in a header): an answer refuses it (415, 401), `undefined` lets the body
   * be read. Never throws. Without it, every request's body is read.
   */
  screen?(request: WebhookHeaders): Promise<HttpAnswer | undefined>;
  /**
   * The answer to a request whose body is larger than `limitBytes`, the route's limit: the body
   * is never read. Never throws. Without it, the server answers 413 in its own words.
   */
  oversize?(request: WebhookHeaders, limitBytes: number): Promise<HttpAnswer>;
}
