import { BackgroundLoop, type Clock, type Logger } from '@tvox-connector/core';
import type { AttachmentFiles } from './attachment-files.js';

/** Files deleted per run; a full batch runs again at once, so a backlog clears in steps. */
const BATCH = 500;
/** How often the folder is looked through when nothing is due. */
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes uploaded files older than the retention, in the background while the channel runs:
 * once an hour, in batches, with core's back-off when the folder cannot be read.
 */
export class AttachmentSweep {
  private loop: BackgroundLoop | undefined;

  constructor(
    private readonly files: AttachmentFiles,
    private readonly retentionDays: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Runs one sweep step: deletes up to a batch of expired files; answers how many. */
  async sweepOnce(): Promise<number> {
    const deleted = await this.files.deleteOlderThan(
      this.clock.now() - this.retentionDays * DAY_MS,
      BATCH,
    );
    if (deleted > 0) this.logger.info({ deleted }, 'deleted expired web chat uploads');
    return deleted;
  }

  start(): void {
    this.loop ??= BackgroundLoop.start({
      name: 'deleting expired web chat uploads',
      body: async () => ((await this.sweepOnce()) >= BATCH ? 0 : EVERY_MS),
      backoff: { initialDelayMs: 1000, maxDelayMs: EVERY_MS },
      meanwhile: 'old uploads are kept meanwhile',
      clock: this.clock,
      logger: this.logger,
    });
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    await loop?.stop();
  }
}
