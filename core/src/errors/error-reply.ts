import { ErrorCode } from './error-code.js';
import { asTvoxError } from './unexpected-error.js';

/** The JSON body a refused request is answered with. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** How a request that failed with `error` is answered: the code's status and an {@link ErrorBody}. */
export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
  /** Whether the caller may send the same request again later. */
  readonly retryable: boolean;
}

/**
 * The answer to a request that failed with `error`, the same for every HTTP surface (webhooks,
 * the web chat's routes and socket): the error's status, its code and message. The message of an
 * unexpected error is not told (it may hold internals).
 */
export function errorReply(error: unknown): ErrorReply {
  const known = asTvoxError(error);
  const message = known.code === ErrorCode.Unexpected ? 'internal error' : known.message;
  return {
    status: known.statusCode,
    body: { error: { code: known.code, message } },
    retryable: known.retryable,
  };
}
