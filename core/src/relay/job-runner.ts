import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { TvoxEvent } from '../contract/events.js';
import type { RelayConfig } from '../config/connector-config.js';
import { ErrorCode } from '../errors/error-code.js';
import { isRetryable, isTvoxError } from '../errors/tvox-error.js';
import type { Failure, Job, JobKind } from '../interfaces/store.js';
import type { TvoxHealth } from '../interfaces/transport.js';
import { InboundMessage } from '../model/inbound.js';
import { OutboundMessage } from '../model/outbound.js';
import { parseInput } from '../runtime/parse-input.js';
import { backoffDelay } from '../runtime/backoff.js';
import { BackgroundLoop } from '../runtime/background-loop.js';
import { isTvoxAuthFailure } from '../transport/tvox-auth-failures.js';
import { isTvoxAnswer, isTvoxOutage } from '../transport/tvox-outage.js';
import { HeldLease, LeaseLostError } from './held-lease.js';
import { shouldRetry } from './retry-policy.js';
import { NOT_TVOX_BOUND_KINDS, TVOX_BOUND_KINDS, TvoxCircuit } from './tvox-circuit.js';
import { EffectsCollector, type RelayServices } from './job-context.js';
import { applyEvent } from './jobs/apply-event.js';
import { applyReport } from './jobs/apply-report.js';
import { StatusReportPayload } from './status/status-report.js';
import { deliverInbound } from './jobs/deliver-inbound.js';
import { deliverOutbound } from './jobs/deliver-outbound.js';
import { UnreadEventPayload, rereadEvent } from './jobs/reread-event.js';

/**
 * What an `applyEvent` job carries: an event, one set aside unread (after a replay), or a status
 * TVox answered for a followed session.
 */
const StoredEvent = z.union([TvoxEvent, UnreadEventPayload, StatusReportPayload]);

/** Metric label of each job kind. */
const DIRECTION: Readonly<Record<JobKind, string>> = {
  deliverInbound: 'inbound',
  applyEvent: 'event',
  deliverOutbound: 'outbound',
};

/** Back-off between attempts to record an outcome while the store fails. */
const COMMIT_BACKOFF = { initialDelayMs: 100, maxDelayMs: 2_000 };

/** Runs one job's work; throws what failed. Payloads are checked: the store holds JSON. */
async function execute(
  services: RelayServices,
  effects: EffectsCollector,
  lease: HeldLease,
): Promise<void> {
  const { job } = lease;
  switch (job.kind) {
    case 'deliverInbound':
      return deliverInbound(
        services,
        effects,
        job.messageId ?? job.id,
        job.id,
        parseInput(InboundMessage, job.payload, 'stored inbound message'),
      );
    case 'applyEvent': {
      const stored = parseInput(StoredEvent, job.payload, 'stored TVox event');
      if ('unread' in stored) return rereadEvent(services, stored.unread);
      if ('reported' in stored) return applyReport(services, effects, stored.reported, job.id);
      return applyEvent(services, effects, stored, job.enqueuedAt);
    }
    case 'deliverOutbound':
      return deliverOutbound(
        services,
        effects,
        parseInput(OutboundMessage, job.payload, 'stored outbound message'),
        lease,
      );
  }
}

/** Resolves on `notify()` or after a time-out, whichever first. */
class Wakeup {
  private waiters: (() => void)[] = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.waiters.push(done);
    });
  }
}

/** A job in hand, and whether it is the probe the TVox circuit let through. */
interface Claimed {
  readonly job: Job;
  readonly probe: boolean;
}

/**
 * The relay's workers: up to `workers` head jobs of ready lanes run at once, each with its lease
 * renewed (and confirmed before each call to a network), and each outcome is committed with the
 * job's effects — done; retry after a back-off with jitter (never sooner than a network's
 * `retryAfterMs`) for a retryable failure; dead letter for a permanent one, or once attempts or
 * age run out. A failure of TVox itself spends no attempt: it opens the {@link TvoxCircuit},
 * which holds TVox-bound jobs back until TVox answers again. An outcome the store fails to take
 * is offered again until it does (or the runner stops), fenced by the claim's number.
 */
export class JobRunner {
  private readonly wakeup = new Wakeup();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private dispatching: BackgroundLoop | undefined;
  /** Whether TVox-bound work flows; read by the relay's readiness. */
  readonly circuit: TvoxCircuit;

  constructor(
    private readonly services: RelayServices,
    private readonly config: RelayConfig,
    private readonly owner: string,
    /** Pause before looking again when no lane is ready (other instances may add work). */
    private readonly idleMs: number,
    /** TVox's health as the transport's latest call told it (an event poll succeeding). */
    tvoxHealth: () => TvoxHealth | undefined = () => undefined,
  ) {
    this.circuit = new TvoxCircuit(
      { ...config, probeTimeoutMs: config.leaseMs },
      tvoxHealth,
      services.clock,
      services.logger,
    );
  }

  /**
   * Starts dispatching in the background. A store that fails to hand out work is tried again
   * with back-off, from one idle period up to the relay's longest back-off.
   */
  start(): void {
    const { clock, logger } = this.services;
    this.dispatching ??= BackgroundLoop.start({
      name: 'claiming work',
      body: () => this.dispatchOnce(),
      backoff: { initialDelayMs: this.idleMs, maxDelayMs: this.config.maxDelayMs },
      // Nothing is delivered meanwhile: as loud as it always was.
      onFailure: () => 'alert',
      clock,
      logger,
    });
  }

  /** Wakes the dispatcher: new work was just stored. */
  notify(): void {
    this.wakeup.notify();
  }

  /** Lets every job in hand finish, then resolves. */
  async stop(): Promise<void> {
    this.stopping.abort();
    const dispatching = this.dispatching?.stop();
    // A dispatcher waiting for work returns at once.
    this.wakeup.notify();
    await dispatching;
    await Promise.all(this.running);
  }

  /**
   * Claims as many ready lanes as there are free workers and runs their head jobs in parallel;
   * when all workers are busy, waits for one to finish; when nothing is ready, waits for new work
   * (or `idleMs`, for work other instances add, retries that come due, the circuit's next probe).
   */
  private async dispatchOnce(): Promise<void> {
    const free = this.config.workers - this.running.size;
    if (free === 0) {
      await Promise.race(this.running);
      return;
    }
    const claimed = await this.claim(free);
    for (const { job, probe } of claimed) {
      const running: Promise<void> = this.run(job, probe).finally(() => {
        this.running.delete(running);
        // The lane's next job may be ready now.
        this.wakeup.notify();
      });
      this.running.add(running);
    }
    if (claimed.length === 0) await this.wakeup.wait(this.idleMs);
  }

  /**
   * Up to `free` ready jobs, in one store call while the circuit is closed. While it is open,
   * only jobs that do not call TVox, and the one probe when it is due.
   */
  private async claim(free: number): Promise<Claimed[]> {
    const { owner, config } = this;
    const { store } = this.services;
    const request = { owner, leaseMs: config.leaseMs };
    const budget = this.circuit.budget();
    if (budget === 'all') {
      const jobs = await store.claim({ ...request, limit: free });
      return jobs.map((job) => ({ job, probe: false }));
    }
    // The probe is claimed last, so that a failing claim can never leave one claimed and not run.
    let probes: Job[] | undefined;
    try {
      const limit = budget === 'probe' ? free - 1 : free;
      const others =
        limit > 0 ? await store.claim({ ...request, limit, kinds: NOT_TVOX_BOUND_KINDS }) : [];
      if (budget === 'probe') {
        probes = await store.claim({ ...request, limit: 1, kinds: TVOX_BOUND_KINDS });
        if (probes.length === 0) this.circuit.nothingToProbe();
      }
      return [
        ...(probes ?? []).map((job) => ({ job, probe: true })),
        ...others.map((job) => ({ job, probe: false })),
      ];
    } finally {
      if (budget === 'probe' && probes === undefined) this.circuit.probeEnded();
    }
  }

  private async run(job: Job, probe: boolean): Promise<void> {
    const { store, clock, logger } = this.services;
    const effects = new EffectsCollector();
    const lease = new HeldLease(job, this.config.leaseMs, store, clock, logger);
    try {
      await this.runHeld(lease, effects, probe);
    } finally {
      lease.release();
    }
  }

  /** Runs a job and records its outcome, its lease renewed all along. */
  private async runHeld(
    lease: HeldLease,
    effects: EffectsCollector,
    probe: boolean,
  ): Promise<void> {
    const { store, logger } = this.services;
    const { job } = lease;
    let failed: { error: unknown } | undefined;
    try {
      await execute(this.services, effects, lease);
    } catch (error) {
      failed = { error };
    }
    const tvoxBound = TVOX_BOUND_KINDS.includes(job.kind);
    if (failed === undefined) {
      if (tvoxBound) this.circuit.answered();
      if (await this.commit(lease, () => store.complete(job, effects.effects()))) {
        this.countSent(job);
        logger.debug({ jobId: job.id, kind: job.kind, messageId: job.messageId }, 'job done');
      }
      return;
    }
    const { error } = failed;
    if (error instanceof LeaseLostError) {
      if (probe) this.circuit.probeEnded();
      logger.warn(
        { jobId: job.id, kind: job.kind },
        'a job was taken over by another worker; it is theirs now',
      );
      return;
    }
    if (tvoxBound && isTvoxOutage(error)) {
      await this.postpone(lease, effects, error, probe);
      return;
    }
    if (tvoxBound && isTvoxAnswer(error)) this.circuit.answered();
    else if (probe) this.circuit.probeEnded();
    await this.fail(lease, effects, error);
  }

  /** TVox itself failed: the job waits for the circuit's next probe, no attempt spent. */
  private async postpone(
    lease: HeldLease,
    effects: EffectsCollector,
    error: unknown,
    probe: boolean,
  ): Promise<void> {
    const { store, logger, metrics } = this.services;
    const { job } = lease;
    const notBefore = this.circuit.failed(error, probe);
    const failure = failureOf(error);
    logger.warn(
      { err: error, jobId: job.id, kind: job.kind, lane: job.lane, messageId: job.messageId },
      'TVox is failing; the job waits for it, no attempt spent',
    );
    metrics.increment('tvox_retries_total', { direction: DIRECTION[job.kind], code: failure.code });
    if (isTvoxAuthFailure(error)) {
      metrics.increment('tvox_auth_failures_total', { command: error.command });
    }
    await this.commit(lease, () => store.postpone(job, notBefore, failure, effects.effects()));
  }

  /** The job itself failed: retried after a back-off, or to the dead letters. */
  private async fail(lease: HeldLease, effects: EffectsCollector, error: unknown): Promise<void> {
    const { store, clock, logger, metrics } = this.services;
    const { job } = lease;
    const failure = failureOf(error);
    const direction = DIRECTION[job.kind];
    const attempts = job.attempts + 1;
    const log = logger.child({
      jobId: job.id,
      kind: job.kind,
      lane: job.lane,
      messageId: job.messageId,
      attempts,
    });
    const failingForMs = job.failingSince === undefined ? 0 : clock.now() - job.failingSince;
    if (shouldRetry(error, attempts, failingForMs, this.config)) {
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      const delay = backoffDelay(this.config, attempts, retryAfterMs);
      log.warn({ err: error, retryInMs: delay }, 'delivery failed; retrying');
      metrics.increment('tvox_retries_total', { direction, code: failure.code });
      await this.commit(lease, () =>
        store.retry(job, clock.now() + delay, failure, effects.effects()),
      );
      return;
    }
    log.error({ err: error }, 'delivery failed for good; moved to the dead letters');
    metrics.increment('tvox_messages_failed_total', {
      channel: channelOf(job),
      direction,
      code: failure.code,
    });
    await this.commit(lease, () => store.deadLetter(job, failure, effects.deadLetterEffects()));
  }

  private countSent(job: Job): void {
    if (job.kind === 'applyEvent') return;
    this.services.metrics.increment('tvox_messages_sent_total', {
      channel: channelOf(job),
      direction: DIRECTION[job.kind],
    });
  }

  /**
   * Records an outcome; resolves whether the store took it. While the store fails it is offered
   * again with back-off, the lease renewed meanwhile: the outcome is taken as long as no other
   * worker claimed the job (the claim's number fences it), so a store outage repeats nothing.
   * Once the runner stops, it is offered until the lease would run out, then given up: the job
   * runs again, its claim found interrupted.
   */
  private async commit(lease: HeldLease, outcome: () => Promise<boolean>): Promise<boolean> {
    const { clock, logger } = this.services;
    const { job } = lease;
    for (let attempt = 1; ; attempt++) {
      try {
        if (await outcome()) return true;
        logger.warn(
          { jobId: job.id, kind: job.kind },
          'a job was taken over by another worker before its outcome was recorded; it is theirs now',
        );
        return false;
      } catch (error) {
        const givingUp = this.stopping.signal.aborted && clock.now() >= lease.expiresAt;
        if (givingUp || !isRetryable(error)) {
          logger.error(
            { err: error, jobId: job.id },
            'recording a job outcome failed; it will run again',
          );
          return false;
        }
        if (attempt === 1) {
          logger.warn(
            { err: error, jobId: job.id },
            'recording a job outcome failed; offering it again',
          );
        }
        await sleep(backoffDelay(COMMIT_BACKOFF, attempt, undefined));
      }
    }
  }
}

/** The failure recorded for `error`. */
function failureOf(error: unknown): Failure {
  return {
    code: isTvoxError(error) ? error.code : ErrorCode.Unexpected,
    message: (error as Error).message,
  };
}

/**
 * The channel a job is about, for metric labels: message lanes are `direction:channel:id`; event
 * lanes name a session, whose id would make a label per session, so they count as `tvox`.
 */
function channelOf(job: Job): string {
  return job.kind === 'applyEvent' ? 'tvox' : (job.lane.split(':')[1] ?? 'unknown');
}
