import { HTTP_STATUS, type ErrorCode } from './error-code.js';

/** Options every {@link TvoxError} accepts. */
export interface TvoxErrorOptions {
  /** The lower-level error this one explains, kept for logs and debugging. */
  readonly cause?: unknown;
}

/**
 * Base class of every error tvox-connector raises.
 *
 * `code` is stable and documented in `docs/errors.md`; `retryable` tells the relay whether trying
 * the same operation again later may succeed (a time-out may, a rejected signature never will).
 * Messages say what to do, not only what went wrong.
 */
export abstract class TvoxError extends Error {
  /** Stable machine-readable code, one of {@link ErrorCode}. */
  abstract readonly code: ErrorCode;
  /** Whether the same operation may succeed if tried again later. */
  abstract readonly retryable: boolean;

  /** The HTTP status a request failing with this error is answered with (by its code). */
  get statusCode(): number {
    return HTTP_STATUS[this.code];
  }

  constructor(message: string, options: TvoxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }

  /** A plain object for structured logs: no stack, no cause chain beyond its message. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      retryable: this.retryable,
      message: this.message,
      ...(this.cause instanceof Error ? { cause: this.cause.message } : {}),
    };
  }
}

/** Whether `value` is a {@link TvoxError} (works across copies of this package too). */
export function isTvoxError(value: unknown): value is TvoxError {
  if (value instanceof TvoxError) return true;
  if (!(value instanceof Error)) return false;
  const { code, retryable } = value as Error & { code?: unknown; retryable?: unknown };
  return typeof code === 'string' && code.startsWith('TVOX_ERR_') && typeof retryable === 'boolean';
}

/** Whether the relay should retry after `error`: only typed errors that say so are retried. */
export function isRetryable(error: unknown): boolean {
  return isTvoxError(error) && error.retryable;
}
