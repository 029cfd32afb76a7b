import { TransportCallError } from '../errors/transport-errors.js';
import { connectionAdvice } from './connection-advice.js';

// undici's error codes for its own time-outs; the abort names are those of AbortSignal.
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const ABORT_NAMES = new Set(['AbortError', 'TimeoutError']);
/** undici's RequestAbortedError is named AbortError too, but it is a refused proxy tunnel. */
const NOT_AN_ABORT = 'UND_ERR_ABORTED';

/**
 * Names a call to `url` that got no answer: a time-out (undici's own, the call's deadline, or the
 * caller's abort) or a connection failure (refused, reset, DNS, TLS, proxy). Both are retryable.
 * A TLS or proxy failure says which setting to look at. The detail never carries credentials:
 * undici's messages include neither headers nor the proxy's URL.
 */
export function callFailure(command: string, error: unknown, url?: string): TransportCallError {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  const timedOut =
    (typeof code === 'string' && TIMEOUT_CODES.has(code)) ||
    (ABORT_NAMES.has(String(name)) && code !== NOT_AN_ABORT);
  if (timedOut) {
    return new TransportCallError(command, 'timeout', message, undefined, { cause: error });
  }
  const causeCode = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const codes = [code, causeCode].filter((c): c is string => typeof c === 'string');
  const label = codes[0];
  const advice = connectionAdvice(codes, message, url);
  const detail = label === undefined ? message : `${label}: ${message}`;
  return new TransportCallError(
    command,
    'connection',
    advice === undefined ? detail : `${detail} (${advice})`,
    undefined,
    { cause: error },
  );
}
