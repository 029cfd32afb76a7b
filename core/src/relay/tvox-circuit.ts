import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { JobKind } from '../interfaces/store.js';
import type { TvoxHealth } from '../interfaces/transport.js';
import { backoffDelay, type BackoffPolicy } from '../runtime/backoff.js';

/** The job kinds that call TVox, held back while the circuit is open. */
export const TVOX_BOUND_KINDS: readonly JobKind[] = ['deliverInbound'];

/** The job kinds that never call TVox, claimed whatever TVox's state. */
export const NOT_TVOX_BOUND_KINDS: readonly JobKind[] = ['applyEvent', 'deliverOutbound'];

/** How many TVox-bound jobs the workers may take now. */
export type TvoxBudget = 'all' | 'probe' | 'none';

/**
 * The circuit in front of TVox. Closed, every job runs. A failure of TVox itself (unreachable,
 * failing, refusing the credentials) opens it: TVox-bound jobs are no longer claimed, and those
 * that met the failure are postponed without spending an attempt, keeping their place in their
 * lanes. Once its back-off has passed, or as soon as another call to TVox (an event poll)
 * succeeds, one job is let through as a probe: its success closes the circuit and the lanes
 * resume in order; its failure opens it again for longer. Any answer of TVox to a probe, a
 * refusal of that message included, shows TVox is back.
 */
export class TvoxCircuit {
  private openedAt: number | undefined;
  private reason = '';
  /** Probes that failed since the circuit opened: the back-off grows with them. */
  private failedProbes = 0;
  private probeAt = 0;
  private probing = false;

  constructor(
    private readonly backoff: BackoffPolicy,
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

  /** How many TVox-bound jobs may be claimed now; `probe` is handed out once per opening. */
  budget(): TvoxBudget {
    if (this.openedAt === undefined) return 'all';
    if (this.probing) return 'none';
    const health = this.health();
    const answeredSince = health?.up === true && health.since > this.openedAt;
    if (!answeredSince && this.clock.now() < this.probeAt) return 'none';
    this.probing = true;
    return 'probe';
  }

  /** A TVox-bound job got an answer (success, or a refusal of its own): the circuit closes. */
  succeeded(): void {
    if (this.openedAt === undefined) return;
    this.logger.info(
      { downForMs: this.clock.now() - this.openedAt },
      'TVox answers again; the messages held back are delivered in order',
    );
    this.openedAt = undefined;
    this.failedProbes = 0;
    this.probing = false;
  }

  /**
   * A TVox-bound job met a failure of TVox itself: the circuit opens (or, for the probe, stays
   * open for longer). Resolves when the job should be tried again: at the next probe.
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
      this.probing = false;
    }
    if (wasProbe || (!this.probing && this.probeAt <= now)) {
      this.probeAt = now + backoffDelay(this.backoff, this.failedProbes + 1, undefined);
    }
    // With a probe out, others wait at least a first back-off (on other instances too).
    return Math.max(this.probeAt, now + this.backoff.initialDelayMs);
  }

  /** A job that ended with no word from TVox (the store failing, a lost lease): probe again. */
  probeEnded(): void {
    this.probing = false;
  }
}
