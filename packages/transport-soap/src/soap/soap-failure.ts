import {
  TransportCallError,
  isTvoxError,
  remoteRejection,
  type TvoxError,
} from '@tvox-connector/core';

/** A SOAP 1.1 or 1.2 fault as node soap parses it. */
interface ParsedFault {
  readonly code: string;
  readonly message: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '$value' in value) {
    const inner = value.$value;
    return typeof inner === 'string' ? inner : undefined;
  }
  return undefined;
}

/** The fault node soap found in the answer's body (`error.root.Envelope.Body.Fault`), if any. */
function faultOf(error: unknown): ParsedFault | undefined {
  const root = (error as { root?: { Envelope?: { Body?: { Fault?: unknown } } } }).root;
  const fault = root?.Envelope?.Body?.Fault as Record<string, unknown> | undefined;
  if (!fault) return undefined;
  const soap11 = text(fault.faultcode);
  const soap12 = text((fault.Code as { Value?: unknown } | undefined)?.Value);
  const code = (soap11 ?? soap12 ?? '').replace(/^.*:/, '');
  const message =
    text(fault.faultstring) ?? text((fault.Reason as { Text?: unknown } | undefined)?.Text) ?? '';
  return { code, message };
}

/**
 * Turns what a failed node soap call rejected with into core's errors, keeping "TVox said no"
 * apart from "the call failed":
 * - our HTTP layer's `TransportCallError`s (time-out, connection) pass through;
 * - HTTP 401/403 → `TransportCallError` with the status, not retryable (whatever the body);
 * - a `soap:Client` (1.2 `Sender`) fault, subcodes such as `Client.SchemaValidationError`
 *   included → `RemoteRejectedError` `INVALID_REQUEST`, not retryable:
 *   TVox refused the request itself, sending it again changes nothing;
 * - a `soap:Server` (`Receiver`) fault, or any other HTTP error status → retryable
 *   `TransportCallError` (`http-status`);
 * - an answer node soap cannot read → retryable `TransportCallError` (`bad-response`).
 */
export function soapFailure(command: string, error: unknown): TvoxError {
  if (isTvoxError(error)) return error;
  const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
  const httpStatus = typeof status === 'number' ? status : undefined;
  const options = { cause: error };
  if (httpStatus === 401 || httpStatus === 403) {
    return new TransportCallError(
      command,
      'http-status',
      `HTTP ${httpStatus}`,
      httpStatus,
      options,
    );
  }
  const fault = faultOf(error);
  // spyne and others qualify the class: `Client.SchemaValidationError` is a client fault too.
  const faultClass = fault?.code.split('.')[0];
  if (fault && (faultClass === 'Client' || faultClass === 'Sender')) {
    return remoteRejection(
      command,
      'INVALID_REQUEST',
      `SOAP ${fault.code} fault: ${fault.message}`,
      'invalid-request',
    );
  }
  if (fault) {
    return new TransportCallError(
      command,
      'http-status',
      `SOAP ${fault.code || 'unknown'} fault: ${fault.message}`,
      httpStatus ?? 500,
      options,
    );
  }
  if (httpStatus !== undefined && httpStatus >= 400) {
    return new TransportCallError(
      command,
      'http-status',
      `HTTP ${httpStatus}`,
      httpStatus,
      options,
    );
  }
  const message = error instanceof Error ? error.message : 'the answer is not a SOAP envelope';
  return new TransportCallError(command, 'bad-response', message, httpStatus, options);
}
