import { ErrorCode, HTTP_STATUS } from './error-code.js';
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
 * the web chat's routes and socket): the error's status, its code and message. The message of a
 * failure of ours (5xx, but for `TVOX_ERR_UNAVAILABLE`) is not told: it may hold internals.
 */
export function errorReply(error: unknown): ErrorReply {
  const known = asTvoxError(error);
  // An error of another copy of core may carry a code this one does not know.
  const status = (HTTP_STATUS as Partial<Record<string, number>>)[known.code] ?? 500;
  // Our own failures (a store's, a call's) may carry internals: a host, a user. Their code says
  // enough; only "not accepting now" is told, so that a caller knows to come back.
  const told = status < 500 || known.code === ErrorCode.Unavailable;
  return {
    status,
    body: { error: { code: known.code, message: told ? known.message : 'internal error' } },
    retryable: known.retryable,
  };
}
