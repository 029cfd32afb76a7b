import type { WebhookRequest } from './channel-adapter.js';

/** What an HTTP endpoint answers. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * An HTTP endpoint a package needs served, independent of any web framework: the server that
 * mounts it (the connector's, or a test's) reads the raw body up to its size limit, answers 413
 * beyond it, and hands the request over. A transport in push mode exposes the callback TVox calls
 * this way.
 */
export interface HttpEndpoint {
  readonly method: 'POST';
  /** Path the endpoint is mounted at, starting with `/`. */
  readonly path: string;
  /** Handles one request; never throws (errors are answers: 400, 401, 503). */
  handle(request: WebhookRequest): Promise<HttpAnswer>;
}
