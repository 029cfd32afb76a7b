import { ErrorCode } from '../errors/error-code.js';
import type { RemoteRejectedError, TransportCallError } from '../errors/transport-errors.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { Clock } from '../interfaces/clock.js';
import type { TvoxHealth } from '../interfaces/transport.js';

/**
 * HTTP statuses that say TVox itself (or what stands before it) is down, overloaded or refusing
 * the connector, whatever the request: 401, 408, 429, 502, 503, 504. Not 500: SOAP stacks
 * (JAX-WS, spyne) answer a fault raised by one request's content with HTTP 500, so a 500 says
 * nothing of the next request.
 */
const OUTAGE_STATUSES: ReadonlySet<number> = new Set([401, 408, 429, 502, 503, 504]);

/** The codes of what TVox answers, a refusal or a failure reported by TVox included. */
const ANSWER_CODES: ReadonlySet<string> = new Set([
  ErrorCode.RemoteRejected,
  ErrorCode.UnknownSession,
  ErrorCode.NoLicense,
  ErrorCode.TransportCallFailed,
]);

/**
 * Whether `error` is a failure of TVox itself rather than of the call that met it: TVox
 * unreachable or not answering in time, answering one of the statuses of {@link OUTAGE_STATUSES},
 * or saying it is `unavailable` (a failure code the profile maps so). Any other call would fail
 * the same way now, so such a failure says nothing about the message being sent. Errors are read
 * by shape: an adapter package may bring its own copy of core's classes.
 */
export function isTvoxOutage(error: unknown): boolean {
  if (!isTvoxError(error)) return false;
  if (error.code === ErrorCode.TransportCallFailed) {
    const { kind, status } = error as Partial<TransportCallError>;
    if (kind === 'timeout' || kind === 'connection') return true;
    return kind === 'http-status' && status !== undefined && OUTAGE_STATUSES.has(status);
  }
  if (error.code === ErrorCode.RemoteRejected) {
    return (error as Partial<RemoteRejectedError>).meaning === 'unavailable';
  }
  return false;
}

/**
 * Whether TVox answered the call that failed with `error`: a refusal, an error status, a reply
 * it could not make sense of; anything from TVox but an outage ({@link isTvoxOutage}).
 */
export function isTvoxAnswer(error: unknown): boolean {
  return isTvoxError(error) && ANSWER_CODES.has(error.code) && !isTvoxOutage(error);
}

/**
 * TVox's health as the calls to it tell it: up after any answer (a refusal included), down after
 * a failure of TVox itself ({@link isTvoxOutage}), since when, and why.
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
