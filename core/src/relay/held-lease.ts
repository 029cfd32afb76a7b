import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Job, Store } from '../interfaces/store.js';
import type { JobAttempt } from './job-context.js';

/**
 * A worker was about to call out for a job whose claim another worker took over: the call is not
 * made and no outcome is recorded, the job being the other worker's now.
 */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} was taken over by another worker`);
    this.name = 'LeaseLostError';
  }
}

/**
 * The lease of one job a worker holds: renewed every third of its length while the job runs, and
 * confirmed before each call out of the connector, so that a worker whose lease was taken over
 * (it stalled, or the store was unreachable longer than the lease) sends nothing more. Renewal
 * and every outcome are fenced by the claim's number, so a lease that ran out while nobody took
 * the job over is still this worker's.
 */
export class HeldLease implements JobAttempt {
  private until: number;
  private lost = false;
  private readonly timer: NodeJS.Timeout;
  /** How close to its end the lease is renewed before a call rather than trusted. */
  private readonly marginMs: number;

  constructor(
    readonly job: Job,
    private readonly leaseMs: number,
    private readonly store: Pick<Store, 'renew'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.until = job.leaseUntil;
    this.marginMs = Math.floor(leaseMs / 6);
    this.timer = setInterval(
      () => {
        this.renew().catch((error: unknown) => {
          this.logger.warn({ err: error, jobId: job.id }, 'renewing a lease failed');
        });
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
  }

  get interrupted(): boolean {
    return this.job.interrupted;
  }

  /** When the lease runs out unless renewed again (epoch ms, this instance's clock). */
  get expiresAt(): number {
    return this.until;
  }

  /**
   * Resolves when the lease is surely still held: it has time left, or renewing it now works.
   * Throws {@link LeaseLostError} when another worker took the job over; a store failure while
   * renewing is thrown as it is (the call is not made then either).
   */
  async confirm(): Promise<void> {
    if (!this.lost && this.clock.now() < this.until - this.marginMs) return;
    if (!(await this.renew())) throw new LeaseLostError(this.job.id);
  }

  /** Stops renewing: the job's outcome was recorded. */
  release(): void {
    clearInterval(this.timer);
  }

  /** Renews the lease; false (for good) once another worker holds the job. */
  private async renew(): Promise<boolean> {
    if (this.lost) return false;
    const until = this.clock.now() + this.leaseMs;
    if (await this.store.renew([this.job], this.leaseMs)) {
      this.until = until;
      return true;
    }
    this.lost = true;
    return false;
  }
}
