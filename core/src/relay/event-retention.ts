import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Store } from '../interfaces/store.js';
import { BackgroundLoop } from '../runtime/background-loop.js';

/** Sequences deleted per statement: short transactions, however large the backlog. */
const BATCH = 1000;
/** How often the table is looked at when nothing is due. */
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes recorded TVox event sequences older than the retention, in the background while the
 * relay runs: in batches, one after the other while full batches come, then once an hour, with
 * core's back-off when the store fails. Every instance runs it; the stores' deletes are safe
 * side by side.
 */
export class EventRetention {
  private readonly loop: BackgroundLoop;

  constructor(
    store: Pick<Store, 'pruneRecordedEvents'>,
    retentionDays: number,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = BackgroundLoop.start({
      name: 'deleting expired TVox event sequences',
      body: async () => {
        const deleted = await store.pruneRecordedEvents(
          clock.now() - retentionDays * DAY_MS,
          BATCH,
        );
        if (deleted > 0) logger.debug({ deleted }, 'deleted expired TVox event sequences');
        return deleted >= BATCH ? 0 : EVERY_MS;
      },
      backoff: { initialDelayMs: 1000, maxDelayMs: EVERY_MS },
      meanwhile: 'they are kept meanwhile',
      clock,
      logger,
    });
  }

  /** Stops the sweep once the batch in hand is deleted. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
