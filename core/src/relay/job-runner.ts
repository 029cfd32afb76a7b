import { z } from 'zod';
import { TvoxEvent } from '../contract/events.js';
import type { RelayConfig } from '../config/connector-config.js';
import { ErrorCode } from '../errors/error-code.js';
import { isTvoxError } from '../errors/tvox-error.js';
import type { Job, JobKind } from '../interfaces/store.js';
import { InboundMessage } from '../model/inbound.js';
import { OutboundMessage } from '../model/outbound.js';
import { parseInput } from '../runtime/parse-input.js';
import { backoffDelay } from '../runtime/backoff.js';
import { BackgroundLoop } from '../runtime/background-loop.js';
import { shouldRetry } from './retry-policy.js';
import { EffectsCollector, type RelayServices } from './job-context.js';
import { applyEvent } from './jobs/apply-event.js';
import { deliverInbound } from './jobs/deliver-inbound.js';
import { deliverOutbound } from './jobs/deliver-outbound.js';
import { UnreadEventPayload, rereadEvent } from './jobs/reread-event.js';

/** What an `applyEvent` job carries: an event, or one set aside unread (after a replay). */
const StoredEvent = z.union([TvoxEvent, UnreadEventPayload]);

/** Metric label of each job kind. */
const DIRECTION: Readonly<Record<JobKind, string>> = {
  deliverInbound: 'inbound',
  applyEvent: 'event',
  deliverOutbound: 'outbound',
};

/** Runs one job's work; throws what failed. Payloads are checked: the store holds JSON. */
async function execute(
  services: RelayServices,
  effects: EffectsCollector,
  job: Job,
): Promise<void> {
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
      return applyEvent(services, effects, stored, job.enqueuedAt);
    }
    case 'deliverOutbound':
      return deliverOutbound(
        services,
        effects,
        parseInput(OutboundMessage, job.payload, 'stored outbound message'),
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

/**
 * The relay's workers: up to `workers` head jobs of ready lanes run at once, each with its lease
 * renewed, and each outcome is committed with the job's effects — done; retry after a back-off with jitter
 * (never sooner than a network's `retryAfterMs`) for a retryable failure; dead letter for a
 * permanent one, or once attempts or age run out.
 */
export class JobRunner {
  private readonly wakeup = new Wakeup();
  private readonly running = new Set<Promise<void>>();
  private dispatching: BackgroundLoop | undefined;

  constructor(
    private readonly services: RelayServices,
    private readonly config: RelayConfig,
    private readonly owner: string,
    /** Pause before looking again when no lane is ready (other instances may add work). */
    private readonly idleMs: number,
  ) {}

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
    const dispatching = this.dispatching?.stop();
    // A dispatcher waiting for work returns at once.
    this.wakeup.notify();
    await dispatching;
    await Promise.all(this.running);
  }

  /**
   * Claims as many ready lanes as there are free workers, in one store call, and runs their head
   * jobs in parallel; when all workers are busy, waits for one to finish; when nothing is ready,
   * waits for new work (or `idleMs`, for work other instances add or retries that come due).
   */
  private async dispatchOnce(): Promise<void> {
    const free = this.config.workers - this.running.size;
    if (free === 0) {
      await Promise.race(this.running);
      return;
    }
    const { owner, config } = this;
    const jobs = await this.services.store.claim({ owner, leaseMs: config.leaseMs, limit: free });
    for (const job of jobs) {
      const running: Promise<void> = this.run(job).finally(() => {
        this.running.delete(running);
        // The lane's next job may be ready now.
        this.wakeup.notify();
      });
      this.running.add(running);
    }
    if (jobs.length === 0) await this.wakeup.wait(this.idleMs);
  }

  private async run(job: Job): Promise<void> {
    const { store, clock, logger, metrics } = this.services;
    const effects = new EffectsCollector();
    const direction = DIRECTION[job.kind];
    const renew = setInterval(
      () => {
        store.renew([job], this.config.leaseMs).catch((error: unknown) => {
          logger.warn({ err: error, jobId: job.id }, 'renewing a lease failed');
        });
      },
      Math.max(1_000, Math.floor(this.config.leaseMs / 3)),
    );
    let done = false;
    try {
      await execute(this.services, effects, job);
      done = true;
    } catch (error) {
      const failure = {
        code: isTvoxError(error) ? error.code : ErrorCode.Unexpected,
        message: (error as Error).message,
      };
      const attempts = job.attempts + 1;
      const log = logger.child({
        jobId: job.id,
        kind: job.kind,
        lane: job.lane,
        messageId: job.messageId,
        attempts,
      });
      if (shouldRetry(error, attempts, clock.now() - job.enqueuedAt, this.config)) {
        const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
        const delay = backoffDelay(this.config, attempts, retryAfterMs);
        log.warn({ err: error, retryInMs: delay }, 'delivery failed; retrying');
        metrics.increment('tvox_retries_total', { direction, code: failure.code });
        await this.commit(() => store.retry(job, clock.now() + delay, failure, effects.effects()));
      } else {
        log.error({ err: error }, 'delivery failed for good; moved to the dead letters');
        metrics.increment('tvox_messages_failed_total', {
          channel: channelOf(job),
          direction,
          code: failure.code,
        });
        await this.commit(() => store.deadLetter(job, failure, effects.deadLetterEffects()));
      }
    } finally {
      clearInterval(renew);
    }
    if (!done) return;
    // The work is done: a failure to record it is not a failure of the delivery. The lease runs
    // out and the job runs again, which the idempotency keys make harmless.
    await this.commit(() => store.complete(job, effects.effects()));
    if (job.kind !== 'applyEvent') {
      metrics.increment('tvox_messages_sent_total', { channel: channelOf(job), direction });
    }
    logger.debug({ jobId: job.id, kind: job.kind, messageId: job.messageId }, 'job done');
  }

  /** Commits an outcome; if the store fails, the lease runs out and the job is tried again. */
  private async commit(outcome: () => Promise<boolean>): Promise<void> {
    try {
      await outcome();
    } catch (error) {
      this.services.logger.error(
        { err: error },
        'recording a job outcome failed; it will run again',
      );
    }
  }
}

/**
 * The channel a job is about, for metric labels: message lanes are `direction:channel:id`; event
 * lanes name a session, whose id would make a label per session, so they count as `tvox`.
 */
function channelOf(job: Job): string {
  return job.kind === 'applyEvent' ? 'tvox' : (job.lane.split(':')[1] ?? 'unknown');
}
