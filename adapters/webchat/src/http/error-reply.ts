import {
  InvalidInputError,
  PayloadTooLargeError,
  SignatureError,
  StoreError,
  UnavailableError,
  UnsupportedMediaTypeError,
  isTvoxError,
} from '@tvox-connector/core';

/** The HTTP status a failure is answered with. */
export function errorStatus(error: unknown): number {
  if (error instanceof SignatureError) return 401;
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof UnavailableError || error instanceof StoreError) return 503;
  return 500;
}

/** What the widget is told about a failure: a stable code and a message (none for a bug). */
export function errorDetails(error: unknown): {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
} {
  if (!isTvoxError(error))
    return { code: 'TVOX_ERR_UNEXPECTED', message: 'internal error', retryable: true };
  return { code: error.code, message: error.message, retryable: error.retryable };
}

/** The JSON body of a refused request: `{ error: { code, message } }`. */
export function errorBody(error: unknown): { error: { code: string; message: string } } {
  const { code, message } = errorDetails(error);
  return { error: { code, message } };
}
