import type { Clock } from '@tvox-connector/core';

/** A bucket's size and how fast it fills again. */
export interface BucketRate {
  /** The most tokens a bucket holds: what may be spent at once. */
  readonly capacity: number;
  /** Tokens added back per millisecond. */
  readonly refillPerMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Keys kept before full buckets are forgotten (a full bucket is the same as a new one). */
const FORGET_ABOVE = 10_000;

/**
 * One token bucket per key (a conversation, a visitor), in memory. Spending more than a bucket
 * holds is refused with the time until it would hold enough; buckets fill again at a steady rate.
 * Memory stays bounded: once many keys are held, the buckets that filled up again are dropped.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  /** The size at which full buckets are looked for next: doubles when few could be dropped. */
  private forgetAt = FORGET_ABOVE;

  constructor(
    private readonly rate: BucketRate,
    private readonly clock: Clock,
  ) {}

  /**
   * Spends `amount` tokens of `key`'s bucket. Answers undefined when they were spent, else the
   * milliseconds until the bucket holds `amount` (nothing is spent then).
   */
  take(key: string, amount = 1): number | undefined {
    const bucket = this.current(key);
    if (bucket.tokens >= amount) {
      bucket.tokens -= amount;
      return undefined;
    }
    return Math.ceil((amount - bucket.tokens) / this.rate.refillPerMs);
  }

  /** Gives back tokens spent for something that did not happen (or cost less than reserved). */
  refund(key: string, amount: number): void {
    const bucket = this.current(key);
    bucket.tokens = Math.min(this.rate.capacity, bucket.tokens + amount);
  }

  private current(key: string): Bucket {
    const now = this.clock.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.forgetAt) {
        this.forgetFull(now);
        this.forgetAt = Math.max(FORGET_ABOVE, this.buckets.size * 2);
      }
      bucket = { tokens: this.rate.capacity, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    this.fill(bucket, now);
    return bucket;
  }

  private fill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.rate.capacity, bucket.tokens + elapsed * this.rate.refillPerMs);
    bucket.at = now;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      this.fill(bucket, now);
      if (bucket.tokens >= this.rate.capacity) this.buckets.delete(key);
    }
  }
}

/** The bucket rate of a `{ burst, perMinute }` setting. */
export function perMinute(setting: { burst: number; perMinute: number }): BucketRate {
  return { capacity: setting.burst, refillPerMs: setting.perMinute / 60_000 };
}

/** The bucket rate of a quota: `capacity` every `hours`. */
export function perHours(capacity: number, hours: number): BucketRate {
  return { capacity, refillPerMs: capacity / (hours * 3_600_000) };
}
