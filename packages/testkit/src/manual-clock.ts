import type { Clock } from '@tvox-connector/core';

interface Sleeper {
  readonly until: number;
  readonly wake: () => void;
}

/**
 * A `Clock` that stands still until a test moves it: `advance(ms)` expires leases and back-offs
 * at once, and wakes every `sleep` whose time has come. Starts at 2026-01-01T00:00:00Z.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms` and wakes the sleepers that are due, earliest first. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock does not go backwards');
    this.current += ms;
    const due = this.sleepers
      .filter((sleeper) => sleeper.until <= this.current)
      .sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.current);
    for (const sleeper of due) sleeper.wake();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = {
        until: this.current + ms,
        wake: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = (): void => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', abort, { once: true });
      if (ms <= 0) sleeper.wake();
      else this.sleepers.push(sleeper);
    });
  }
}
