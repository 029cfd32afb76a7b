import { ErrorCode } from '../errors/error-code.js';
import type { TransportCallError } from '../errors/transport-errors.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { Metrics } from '../interfaces/metrics.js';
import type { FailureRule } from '../runtime/background-loop.js';

/** Whether TVox refused the connector's credentials: a call answered HTTP 401. */
export function isTvoxAuthFailure(error: unknown): error is TransportCallError {
  return (
    isTvoxError(error) &&
    error.code === ErrorCode.TransportCallFailed &&
    (error as Partial<TransportCallError>).status === 401
  );
}

/**
 * The failure rule of the background loops towards TVox (polling events, connecting): TVox
 * refusing the credentials is retried with back-off like any failure, and raised as an alert,
 * logged as an error and counted in `tvox_auth_failures_total`. The password of the connector's
 * account may be rotating (changed in TVox before the connector's configuration, or back): that
 * must not stop the connector, and must not go unnoticed either.
 */
export function alertOnTvoxAuthFailure(metrics: Metrics): FailureRule {
  return (error) => {
    if (!isTvoxAuthFailure(error)) return 'retry';
    metrics.increment('tvox_auth_failures_total', { command: error.command });
    return 'alert';
  };
}
