import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import { BackgroundLoop } from '../runtime/background-loop.js';

/** Rows a task deletes (or clears) per statement: short transactions, however large the backlog. */
export const RETENTION_BATCH = 1000;
/** How often the tasks look again when nothing was due. */
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Something the store keeps for a while, then lets go of. */
export interface RetentionTask {
  /** What is let go of, for the log: `TVox event sequences`. */
  readonly what: string;
  /** How long it is kept. */
  readonly days: number;
  /** Lets go of up to `limit` rows older than `before` (epoch ms); how many. */
  readonly prune: (before: number, limit: number) => Promise<number>;
}

/**
 * Lets go of what the store keeps past its retention, in the background while the relay runs:
 * each task a batch at a time, again at once while full batches come, then once an hour, with
 * core's back-off when the store fails. Every instance runs it; the stores' statements are safe
 * side by side.
 */
export class RetentionSweep {
  private readonly loop: BackgroundLoop;

  constructor(tasks: readonly RetentionTask[], clock: Clock, logger: Logger) {
    this.loop = BackgroundLoop.start({
      name: 'applying the retention of stored data',
      body: async () => {
        let full = false;
        for (const task of tasks) {
          const done = await task.prune(clock.now() - task.days * DAY_MS, RETENTION_BATCH);
          if (done > 0) logger.debug({ done }, `let go of expired ${task.what}`);
          full ||= done >= RETENTION_BATCH;
        }
        return full ? 0 : EVERY_MS;
      },
      backoff: { initialDelayMs: 1000, maxDelayMs: EVERY_MS },
      meanwhile: 'expired data is kept meanwhile',
      clock,
      logger,
    });
  }

  /** Stops the sweep once the batch in hand is done. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
