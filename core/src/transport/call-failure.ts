import { TransportCallError } from '../errors/transport-errors.js';

// undici's error codes for its own time-outs; the abort names are those of AbortSignal.
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const ABORT_NAMES = new Set(['AbortError', 'TimeoutError']);

/**
 * Names a call that got no answer: a time-out (undici's own, the call's deadline, or the caller's
 * abort) or a connection failure (refused, reset, DNS). Both are retryable. The detail never
 * carries credentials: undici's messages do not include headers.
 */
export function callFailure(command: string, error: unknown): TransportCallError {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  if ((typeof code === 'string' && TIMEOUT_CODES.has(code)) || ABORT_NAMES.has(String(name))) {
    return new TransportCallError(command, 'timeout', message, undefined, { cause: error });
  }
  const causeCode = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const label = [code, causeCode].find((c): c is string => typeof c === 'string');
  return new TransportCallError(
    command,
    'connection',
    label === undefined ? message : `${label}: ${message}`,
    undefined,
    { cause: error },
  );
}
