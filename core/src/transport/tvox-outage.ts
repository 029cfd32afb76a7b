import { ErrorCode } from '../errors/error-code.js';
import type { RemoteRejectedError, TransportCallError } from '../errors/transport-errors.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { Clock } from '../interfaces/clock.js';
import type { TvoxHealth } from '../interfaces/transport.js';

/** HTTP statuses that say TVox itself is failing, overloaded or refusing the connector. */
function isOutageStatus(status: number | undefined): boolean {
  return status === undefined || status >= 500 || [401, 408, 429].includes(status);
}

/**
 * Whether `error` is a failure of TVox itself rather than of the call that met it: TVox
 * unreachable or timing out, answering 5xx, 408 or 429, refusing the connector's credentials
 * (HTTP 401, or a failure code the profile says means `unauthorized`), or saying it is
 * `unavailable`. Any call would fail the same way now, so such a failure says nothing about the
 * message being sent. A reply that could not be read is not one: it may be this call's own.
 */
export function isTvoxOutage(error: unknown): boolean {
  if (!isTvoxError(error)) return false;
  if (error.code === ErrorCode.TransportCallFailed) {
    // Read by shape: an adapter package may bring its own copy of core's classes.
    const { kind, status } = error as Partial<TransportCallError>;
    return (
      kind === 'timeout' ||
      kind === 'connection' ||
      (kind === 'http-status' && isOutageStatus(status))
    );
  }
  if (error.code === ErrorCode.RemoteRejected) {
    const { meaning } = error as Partial<RemoteRejectedError>;
    return meaning === 'unavailable' || meaning === 'unauthorized';
  }
  return false;
}

/**
 * TVox's health as the calls to it tell it: up after any answer (a business refusal included),
 * down after a failure of TVox itself ({@link isTvoxOutage}), since when, and why.
 */
export class TvoxHealthRecorder {
  private health: TvoxHealth;

  constructor(private readonly clock: Clock) {
    this.health = { up: true, since: clock.now() };
  }

  /** What the latest call said. */
  get current(): TvoxHealth {
    return this.health;
  }

  /** Records how one call ended: `undefined` for an answer, else what it threw. */
  record(failure: unknown): void {
    const up = failure === undefined || !isTvoxOutage(failure);
    if (up && this.health.up) return;
    if (up) {
      this.health = { up: true, since: this.clock.now() };
      return;
    }
    this.health = {
      up: false,
      since: this.health.up ? this.clock.now() : this.health.since,
      detail: (failure as Error).message,
    };
  }
}
