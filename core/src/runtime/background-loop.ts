import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';

/**
 * What a loop does after its body failed with an error:
 * - `retry`: log it (a warning), back off, run the body again;
 * - `alert`: the same, logged as an error, for a failure an operator must hear of although
 *   waiting may cure it (credentials being rotated); the rule that answers `alert` counts it;
 * - `stop`: trying again changes nothing (a revoked token): the loop stops for good, and its
 *   state keeps the error for readiness.
 */
export type FailureVerdict = 'retry' | 'alert' | 'stop';

/** A loop's rule for its failures. Called once per failure; may count it in a metric. */
export type FailureRule = (error: unknown) => FailureVerdict;

/** What one run of a loop's body is given. */
export interface LoopRun {
  /** Aborted by `stop()`: the body ends what it awaits (calls take it) and returns. */
  readonly signal: AbortSignal;
  /** Failures in a row before this run; 0 after a success. */
  readonly failures: number;
  /**
   * Says the run is healthy so far, for a body that runs long (a connection held until it
   * drops): the back-off resets and the state is `running`, even if the run fails later.
   */
  readonly healthy: () => void;
}

/**
 * What a run asks for next: nothing (or 0) to run again at once, a pause in milliseconds
 * (a poll interval), or `done` when the loop's work is over (connected at last).
 */
export type RunOutcome = number | 'done' | undefined;

/** How a {@link BackgroundLoop} runs. */
export interface BackgroundLoopOptions {
  /** What the loop does, for its log lines: `polling TVox events`. */
  readonly name: string;
  /** One run: rejecting is a failure; resolving, with nothing or a {@link RunOutcome}, a success. */
  readonly body: (run: LoopRun) => Promise<RunOutcome> | Promise<void>;
  /** The back-off after failures in a row: exponential, capped, with jitter (`backoffDelay`). */
  readonly backoff: BackoffPolicy;
  /** What each failure means; every failure is retried without one. */
  readonly onFailure?: FailureRule;
  /** What goes on while the loop fails, added to its failure lines: `not polling meanwhile`. */
  readonly meanwhile?: string;
  /**
   * A failure met before the loop starts (its first try, made in the foreground): the first run
   * waits out the back-off of one failure, and the same failure again is not logged again.
   */
  readonly afterFailure?: unknown;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Draws the jitter; `Math.random` by default. */
  readonly random?: () => number;
}

/** Where a loop is, for readiness. */
export type BackgroundLoopState =
  | { readonly status: 'running' }
  | {
      readonly status: 'backing-off';
      /** Failures in a row so far. */
      readonly failures: number;
      /** The last of them. */
      readonly error: unknown;
      /** When the body runs again (the clock's time). */
      readonly retryAt: number;
    }
  /**
   * Ended: by `stop()` or its body's `done` without `error`; with `error`, the failure its rule
   * stopped it for good on.
   */
  | { readonly status: 'stopped'; readonly error?: unknown };

/** The text that tells one failure from another, so that a repeated one is logged once. */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : error.name}: ${error.message}`;
}

/** How long the remote side asked to be left alone (`NetworkApiError`'s `retryAfterMs`). */
function retryAfterOf(error: unknown): number | undefined {
  const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof retryAfterMs === 'number' ? retryAfterMs : undefined;
}

/**
 * Runs a body again and again in the background, the one way every background loop of the
 * connector retries (TVox event polling, connecting to TVox, the poll lease, listening for work,
 * a network's long polling). After a failure it backs off by `backoffDelay` (exponential,
 * capped, with jitter, never sooner than a `retryAfterMs` the error carries) and resets on
 * success. A failure is logged once, and again only when it changes or after the loop recovered,
 * so that an outage of hours is a few lines, not thousands. Each loop's rule says per failure
 * whether to retry, retry and alert, or stop for good. `stop()` aborts the body's signal, ends
 * any back-off at once (no timer is left behind) and resolves once the body in flight returned.
 */
export class BackgroundLoop {
  private readonly stopping = new AbortController();
  private readonly random: () => number;
  private readonly running: Promise<void>;
  private current: BackgroundLoopState = { status: 'running' };
  private failures = 0;
  /** The failure logged last, while the loop has not recovered from it. */
  private reported: string | undefined;

  private constructor(private readonly options: BackgroundLoopOptions) {
    this.random = options.random ?? Math.random;
    this.running = this.run();
  }

  /** Starts `options.body` in the background; its first run begins at once. */
  static start(options: BackgroundLoopOptions): BackgroundLoop {
    return new BackgroundLoop(options);
  }

  /** Where the loop is now. */
  get state(): BackgroundLoopState {
    return this.current;
  }

  /**
   * Stops the loop: aborts the body's signal and any back-off, then resolves once the body in
   * flight returned. Safe to call more than once, and after the loop ended by itself.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** A call, so that checks after an `await` are not narrowed away by the compiler. */
  private isStopping(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    const first = this.options.afterFailure;
    if (first !== undefined) {
      this.reported = failureText(first);
      if (!(await this.sleep(this.backOff(first)))) {
        this.end();
        return;
      }
    }
    while (!this.isStopping()) {
      let pause: number;
      try {
        const outcome = await this.options.body({
          signal,
          failures: this.failures,
          healthy: () => {
            this.recovered();
          },
        });
        if (this.isStopping()) break;
        this.recovered();
        if (outcome === 'done') break;
        pause = outcome ?? 0;
      } catch (error) {
        // The stop may have come while the body awaited: a failure then is just the stop.
        if (this.isStopping()) break;
        const verdict = this.options.onFailure?.(error) ?? 'retry';
        if (verdict === 'stop') {
          this.stopForGood(error);
          return;
        }
        const delay = this.backOff(error);
        this.report(error, verdict, delay);
        // Even a back-off of 0 goes through the clock: a body failing at once must not spin.
        if (await this.sleep(delay)) continue;
        break;
      }
      if (pause > 0 && !(await this.sleep(pause))) break;
    }
    this.end();
  }

  /** Counts a failure; its back-off, which the state shows until the next run. */
  private backOff(error: unknown): number {
    this.failures += 1;
    const { backoff, clock } = this.options;
    const delay = backoffDelay(backoff, this.failures, retryAfterOf(error), this.random);
    this.current = {
      status: 'backing-off',
      failures: this.failures,
      error,
      retryAt: clock.now() + delay,
    };
    return delay;
  }

  /** Sleeps `ms` on the clock; false when stopped first. */
  private async sleep(ms: number): Promise<boolean> {
    try {
      await this.options.clock.sleep(ms, this.stopping.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** A run went well: the back-off starts over, and a recovery is told once. */
  private recovered(): void {
    if (this.failures > 0) {
      this.options.logger.info(
        { failures: this.failures },
        `${this.options.name} recovered after ${this.failures} failure${this.failures === 1 ? '' : 's'}`,
      );
    }
    this.failures = 0;
    this.reported = undefined;
    this.current = { status: 'running' };
  }

  /** Logs a failure that is retried: once, then again only when it is another failure. */
  private report(error: unknown, verdict: 'retry' | 'alert', retryInMs: number): void {
    const { logger, name, meanwhile } = this.options;
    const text = failureText(error);
    const fields = { err: error, failures: this.failures, retryInMs };
    if (text === this.reported) {
      logger.debug(fields, `${name} failed again`);
      return;
    }
    this.reported = text;
    const line = `${name} failed; retrying with back-off${meanwhile ? `, ${meanwhile}` : ''}`;
    if (verdict === 'alert') logger.error(fields, line);
    else logger.warn(fields, line);
  }

  private stopForGood(error: unknown): void {
    this.options.logger.error({ err: error }, `${this.options.name} failed and stopped for good`);
    this.current = { status: 'stopped', error };
  }

  private end(): void {
    this.current = { status: 'stopped' };
  }
}
