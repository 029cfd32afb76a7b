import type { RelayConfig } from '../config/connector-config.js';
import { ErrorCode } from '../errors/error-code.js';
import { isRetryable, isTvoxError } from '../errors/tvox-error.js';

/**
 * Whether a job that failed with `error` is tried again, or goes to the dead letters: only a
 * retryable failure, while the job has been failing for less than `maxAgeMs` (`ageMs`, from its
 * first counted failure: waiting for TVox to come back does not count) and has had fewer than
 * `maxAttempts` tries. A licence shortage (`NO_LICENSE`) lasts as long as a peak hour does: it is
 * bounded by age alone, so a busy afternoon never dead-letters the customers who wrote in it.
 */
export function shouldRetry(
  error: unknown,
  attempts: number,
  ageMs: number,
  config: Pick<RelayConfig, 'maxAttempts' | 'maxAgeMs'>,
): boolean {
  if (!isRetryable(error) || ageMs >= config.maxAgeMs) return false;
  const patient = isTvoxError(error) && error.code === ErrorCode.NoLicense;
  return patient || attempts < config.maxAttempts;
}
