/**
 * A ceiling of calls per second: a token bucket holding up to `burst` tokens, refilled at `rate`
 * per second. A caller takes a token before each call and waits the time {@link take} answers;
 * tokens taken ahead of the refill are reserved in turn, so that callers waiting share the rate
 * in the order they came, and none overtakes another.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    /** Tokens added per second. */
    private readonly rate: number,
    /** Time now, epoch milliseconds. */
    private readonly now: () => number,
    /** Most tokens kept: the calls that may go at once after a quiet time. */
    private readonly burst: number = Math.max(1, Math.floor(rate)),
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes a token: how many milliseconds to wait before the call it pays for (0: at once). */
  take(): number {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    this.refilledAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.rate);
  }
}
