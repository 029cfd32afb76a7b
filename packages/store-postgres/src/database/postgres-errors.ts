import { StoreError, isTvoxError } from '@tvox-connector/core';

/**
 * SQLSTATE classes and codes that may succeed when the operation is tried again: the connection
 * failed (08), the transaction was chosen as a serialization or deadlock victim (40), the server
 * ran short of disk, memory or connections (53), is shutting down or starting (57P01-57P03), a
 * lock was not available (55P03), or the system failed (58). Everything else (a constraint, a
 * type mismatch, a missing table) fails the same way every time.
 */
const RETRYABLE_SQLSTATE = /^(08|40|53|58|57P0[123]|55P03)/;

/** Failures of the connection itself, which carry no SQLSTATE (refused, reset, timed out). */
const CONNECTION_FAILURE = /connect|terminat|timeout|socket|not queryable|ECONN|EPIPE|ETIMEDOUT/i;

/** The SQLSTATE of a server error, if `error` is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether the whole transaction may simply be run again at once (serialization, deadlock). */
export function isTransactionConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40001' || state === '40P01';
}

/**
 * Whether `error` says the connection was lost or refused: class 08, the server terminating it
 * or not accepting it yet (57P01-57P03), or a socket failure, which carries no SQLSTATE.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (isTvoxError(error)) return false;
  const state = sqlState(error);
  if (state !== undefined) return /^(08|57P0[123])/.test(state);
  return isRetryablePostgresError(error);
}

/** Whether `error` is worth retrying (see {@link RETRYABLE_SQLSTATE}). */
export function isRetryablePostgresError(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined) return RETRYABLE_SQLSTATE.test(state);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && code.startsWith('E')) || CONNECTION_FAILURE.test(error.message)
  );
}

/**
 * What may be logged or kept of a failure of pg: its message, its SQLSTATE and the driver's code
 * (`ECONNREFUSED`, say), as a plain `Error` with the original name and stack. Nothing else: an
 * error that pg's pool reports carries the client, whose fields hold the server's cancel key (its
 * process id and secret key) and the connection's settings, and a server error's detail may quote
 * the values of a row.
 */
export function postgresFailure(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const failure = new Error(error.message);
  failure.name = error.name;
  if (error.stack !== undefined) failure.stack = error.stack;
  const state = sqlState(error);
  const code = (error as { code?: unknown }).code;
  return Object.assign(
    failure,
    state === undefined ? {} : { sqlState: state },
    typeof code === 'string' ? { code } : {},
  );
}

/**
 * The `StoreError` to reject `operation` with. Server errors keep their SQLSTATE in the message;
 * errors raised before a statement ran (a payload that is not JSON) are not retryable. Its cause
 * is the {@link postgresFailure}; the connection string is never part of it.
 */
export function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (isTvoxError(error)) return new StoreError(operation, error.message, { cause: error });
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(operation, state === undefined ? message : `${state}: ${message}`, {
    cause: postgresFailure(error),
    retryable: isRetryablePostgresError(error),
  });
}
