import { ErrorCode } from './error-code.js';
import { TvoxError, type TvoxErrorOptions } from './tvox-error.js';

/**
 * A sender went over a configured rate or quota (a web chat visitor sending messages or files
 * faster than allowed, say). Answered 429 with `Retry-After`; nothing was stored, and the same
 * request works once `retryAfterMs` has passed.
 */
export class RateLimitedError extends TvoxError {
  readonly code = ErrorCode.RateLimited;
  readonly retryable = true;

  constructor(
    /** What was limited, for example `messages of this conversation`. */
    readonly subject: string,
    /** How long to wait before sending again, in milliseconds. */
    readonly retryAfterMs: number,
    options?: TvoxErrorOptions,
  ) {
    super(
      `Too many ${subject}; nothing was stored. Send it again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      options,
    );
  }
}
