/** Back-off settings (from the relay configuration). */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The pause before attempt `attempt + 1` after `attempt` failures: exponential from
 * `initialDelayMs`, capped at `maxDelayMs`, with "full jitter" (a random point between half and
 * the whole delay) so that many failing lanes do not retry in lock-step; never shorter than what
 * the remote side asked for (`retryAfterMs`).
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
