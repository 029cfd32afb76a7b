import { ErrorCode } from './error-code.js';
import { TvoxError, isTvoxError } from './tvox-error.js';

/**
 * Something failed that the connector has no error of its own for (a bug, or a library's
 * error): answered 500 with no detail, since its message may hold internals; the original is its
 * `cause`, for the logs. Retryable: the caller did nothing wrong, and everything it may send again
 * is deduplicated.
 */
export class UnexpectedError extends TvoxError {
  readonly code = ErrorCode.Unexpected;
  readonly retryable = true;

  constructor(cause: unknown) {
    super('An unexpected error occurred; it is logged on the connector.', { cause });
  }
}

/** `error` as a {@link TvoxError}: itself when it is one, else an {@link UnexpectedError}. */
export function asTvoxError(error: unknown): TvoxError {
  return isTvoxError(error) ? error : new UnexpectedError(error);
}
