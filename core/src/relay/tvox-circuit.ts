import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import { JOB_KINDS, type JobKind } from '../interfaces/store.js';
import type { TvoxHealth } from '../interfaces/transport.js';
import { backoffDelay, type BackoffPolicy } from '../runtime/backoff.js';

/** The job kinds that call TVox, held back while the circuit is open. */
export const TVOX_BOUND_KINDS: readonly JobKind[] = ['deliverInbound'];

/** The job kinds that never call TVox, claimed whatever TVox's state. */
export const NOT_TVOX_BOUND_KINDS: readonly JobKind[] = JOB_KINDS.filter(
  (kind) => !TVOX_BOUND_KINDS.includes(kind),
);

/** How many TVox-bound jobs the workers may take now. */
export type TvoxBudget = 'all' | 'probe' | 'none';

/** How the circuit paces its probes. */
export interface TvoxCircuitOptions extends BackoffPolicy {
  /**
   * How long a probe may be out before it counts as ended with no word (a job whose worker was
   * lost to a bug): the relay's lease, after which another worker could run it anyway.
   */
  readonly probeTimeoutMs: number;
}

/**
 * The circuit in front of TVox, one per instance. Closed, every job runs. A failure of TVox
 * itself (see `isTvoxOutage`) opens it: TVox-bound jobs are no longer claimed, and those that met
 * the failure are postponed without spending an attempt, keeping their place in their lanes.
 * Once its back-off has passed, or as soon as another call to TVox (an event poll) got an answer,
 * one job is let through as a probe: any answer from TVox to it, a refusal of that message
 * included, closes the circuit and the lanes resume in order; another outage opens it again for
 * longer. With nothing left to probe with, it closes: it holds nothing back any more.
 */
export class TvoxCircuit {
  private openedAt: number | undefined;
  private reason = '';
  /** Probes that met an outage since the circuit opened: the back-off grows with them. */
  private failedProbes = 0;
  private probeAt = 0;
  /** When the probe out now was handed out, if one is. */
  private probingSince: number | undefined;

  constructor(
    private readonly options: TvoxCircuitOptions,
    private readonly health: () => TvoxHealth | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Whether TVox-bound work is held back. */
  get isOpen(): boolean {
    return this.openedAt !== undefined;
  }

  /** Why the circuit is open, and since when; undefined while closed. */
  get state(): { readonly since: number; readonly reason: string } | undefined {
    return this.openedAt === undefined ? undefined : { since: this.openedAt, reason: this.reason };
  }

  /** How many TVox-bound jobs may be claimed now; `probe` is handed out once at a time. */
  budget(): TvoxBudget {
    if (this.openedAt === undefined) return 'all';
    const now = this.clock.now();
    if (this.probingSince !== undefined) {
      if (now - this.probingSince < this.options.probeTimeoutMs) return 'none';
      this.logger.warn('a probe of TVox got no outcome in time; probing again');
    }
    const health = this.health();
    const answeredSince = health?.up === true && health.since > this.openedAt;
    if (!answeredSince && now < this.probeAt) return 'none';
    this.probingSince = now;
    return 'probe';
  }

  /** A TVox-bound job got an answer from TVox (success, or a refusal of its own): closes. */
  answered(): void {
    if (this.openedAt === undefined) return;
    this.logger.info(
      { downForMs: this.clock.now() - this.openedAt },
      'TVox answers again; the messages held back are delivered in order',
    );
    this.close();
  }

  /** The probe was due but no TVox-bound job was ready: nothing is held back, so it closes. */
  nothingToProbe(): void {
    if (this.openedAt === undefined) return;
    this.logger.info('no message to TVox is waiting any more; the circuit closes');
    this.close();
  }

  /**
   * A TVox-bound job met a failure of TVox itself: the circuit opens (or, for the probe, stays
   * open for longer). Returns when the job should be tried again: at the next probe, and at
   * least a first back-off away (other instances, whose circuits may be closed, go by it).
   */
  failed(error: unknown, wasProbe: boolean): number {
    const now = this.clock.now();
    this.reason = (error as Error).message;
    if (this.openedAt === undefined) {
      this.openedAt = now;
      this.logger.error(
        { err: error },
        'TVox is failing; messages to it are held, in order and without spending attempts, until it answers again',
      );
    }
    if (wasProbe) {
      this.failedProbes += 1;
      this.probingSince = undefined;
    }
    if (wasProbe || (this.probingSince === undefined && this.probeAt <= now)) {
      this.probeAt = now + backoffDelay(this.options, this.failedProbes + 1, undefined);
    }
    return Math.max(this.probeAt, now + this.options.initialDelayMs);
  }

  /** The probe ended with no word from TVox (the store failing, a lost lease): probe again. */
  probeEnded(): void {
    this.probingSince = undefined;
  }

  private close(): void {
    this.openedAt = undefined;
    this.failedProbes = 0;
    this.probingSince = undefined;
  }
}
