/**
 * DI token for {@link Clock}: a registered symbol, the same in every copy of core that
 * adapter packages may bring.
 */
export const Clock = Symbol.for('@tvox-connector/core.Clock');

/**
 * Time, injectable so tests can control it. Everything in core that waits or timestamps goes
 * through it; nothing calls `Date.now()` directly.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. When `signal` aborts first, rejects with the signal's reason
   * so that shutdown never waits for a back-off to run out.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
