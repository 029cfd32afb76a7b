import { StoreError, isTvoxError } from '@tvox-connector/core';
import Database from 'better-sqlite3';

/**
 * SQLite result codes (and their extended forms, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_FSYNC`, ...)
 * that may succeed when the same operation is tried again: another process holds the lock, the
 * disk hiccuped or is full. Everything else — a constraint, a type mismatch, a corrupt file, a
 * misuse — fails the same way every time.
 */
const RETRYABLE_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
];

/** Whether `error` is a SQLite error worth retrying (see {@link RETRYABLE_CODES}). */
export function isRetryableSqliteError(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    RETRYABLE_CODES.some((code) => error.code === code || error.code.startsWith(`${code}_`))
  );
}

/**
 * The `StoreError` to reject `operation` with. SQLite's own errors keep their code in the
 * message; errors raised before SQLite ran (a payload that is not JSON) are not retryable.
 */
export function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (isTvoxError(error)) return new StoreError(operation, error.message, { cause: error });
  const detail =
    error instanceof Database.SqliteError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return new StoreError(operation, detail, {
    cause: error,
    retryable: isRetryableSqliteError(error),
  });
}
