import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/** Details of a failed call to a messaging network's API. */
export interface NetworkApiErrorDetails {
  /** The HTTP status the network answered, if it answered. */
  readonly status?: number;
  /** How long the network asked us to wait before trying again (429 `Retry-After` and the like). */
  readonly retryAfterMs?: number;
  /** The network's own error code or description, for the ledger and the logs. */
  readonly networkCode?: string;
  /**
   * Whether trying again may succeed. Defaults from `status`: no status (connection failed), 408,
   * 429 and 5xx are retryable; other statuses (blocked by the user, bad token) are permanent.
   */
  readonly retryable?: boolean;
  /**
   * The request may have reached the network although no answer came back (a time-out, a
   * connection cut after the request was written): whether it took effect is unknown. Never for
   * a call refused before it was sent (connection refused, a name that does not resolve).
   */
  readonly outcomeUnknown?: boolean;
}

/**
 * A messaging network's API refused a call or could not be reached. Adapters throw it from `send`;
 * the relay retries it when `retryable`, waiting at least `retryAfterMs`, and otherwise records the
 * message as failed with this error's message.
 */
export class NetworkApiError extends TvoxError {
  readonly code = ErrorCode.NetworkApi;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly networkCode: string | undefined;
  /** See {@link NetworkApiErrorDetails.outcomeUnknown}. */
  readonly outcomeUnknown: boolean;

  constructor(
    /** The network, for example `telegram`. */
    readonly network: string,
    /** The API operation, for example `sendMessage`. */
    readonly operation: string,
    /** What went wrong, in the network's words where possible. */
    detail: string,
    details: NetworkApiErrorDetails = {},
    options?: TvoxErrorOptions,
  ) {
    const retryable = details.retryable ?? defaultRetryable(details.status);
    super(
      `${network} ${operation} failed${details.status === undefined ? '' : ` with HTTP ${details.status}`}: ` +
        `${detail}. ${retryable ? 'It is retried with backoff.' : 'It will not be retried; check the adapter settings and the recipient.'}`,
      options,
    );
    this.retryable = retryable;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.networkCode = details.networkCode;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

function defaultRetryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 408 || status === 429;
}
