import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/**
 * The message store could not complete an operation (database unreachable, disk full, lock
 * time-out). Retryable by default: nothing was committed, so the operation can be repeated.
 */
export class StoreError extends TvoxError {
  readonly code = ErrorCode.Store;
  readonly retryable: boolean;

  constructor(
    /** The store operation that failed, for example `acceptInbound`. */
    readonly operation: string,
    detail: string,
    options: TvoxErrorOptions & { readonly retryable?: boolean } = {},
  ) {
    super(
      `Store operation ${operation} failed: ${detail}. Check that the database is reachable ` +
        `and has free space; nothing was committed.`,
      options,
    );
    this.retryable = options.retryable ?? true;
  }
}

/**
 * The connector is not accepting work right now: it is starting or shutting down. Answered 503 so
 * that the network delivers again later; nothing was stored.
 */
export class UnavailableError extends TvoxError {
  readonly code = ErrorCode.Unavailable;
  readonly retryable = true;

  constructor(reason: string, options?: TvoxErrorOptions) {
    super(
      `The connector is not accepting messages: ${reason}. The sender should retry shortly.`,
      options,
    );
  }
}
