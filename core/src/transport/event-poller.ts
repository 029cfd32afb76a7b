import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type {
  EventBatch,
  EventCursor,
  EventHandler,
  EventSubscription,
  Transport,
} from '../interfaces/transport.js';

/**
 * The sequence to acknowledge after a batch: its newest event, readable or set aside (an
 * unreadable event is handed to the handler to keep, so it must not come back forever).
 */
function lastSequenceOf(batch: EventBatch): number | undefined {
  const sequences = [
    ...batch.events.map((e) => e.sequence),
    ...batch.unreadable.flatMap((e) => (e.sequence === undefined ? [] : [e.sequence])),
  ];
  return sequences.length === 0 ? undefined : Math.max(...sequences);
}

/** How an {@link EventPoller} paces itself. */
export interface EventPollerOptions {
  /** Pause after a poll that returned nothing. */
  readonly intervalMs: number;
  /** Most events per poll. */
  readonly max: number;
  /** First pause after a failure; doubles up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Where polling starts and each acknowledged sequence is saved; from 0, in memory, without. */
  readonly cursor?: EventCursor;
}

/**
 * Receives events by polling: `pollEvents` after the last acknowledged sequence, hand the batch to
 * the handler, and `ackEvents` only once the handler resolved (the events are durably stored). A
 * failing poll, handler or ack is retried after a back-off; nothing is acknowledged that was not
 * handled, so a crash at any point means TVox delivers the batch again. Both transports use it.
 */
export class EventPoller implements EventSubscription {
  private readonly stopping = new AbortController();
  private readonly loop: Promise<void>;

  constructor(
    private readonly transport: Pick<Transport, 'pollEvents' | 'ackEvents'>,
    private readonly handler: EventHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: EventPollerOptions,
  ) {
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let cursor: number | undefined;
    let failures = 0;
    while (!signal.aborted) {
      let pause: number;
      try {
        cursor ??= (await this.options.cursor?.load()) ?? 0;
        const batch = await this.transport.pollEvents(
          { poll: { afterSequence: cursor, max: this.options.max } },
          { signal },
        );
        const last = lastSequenceOf(batch);
        if (last !== undefined) {
          await this.handler(batch.events, batch.unreadable);
          await this.transport.ackEvents({ ack: { upToSequence: last } }, { signal });
          cursor = last;
          await this.saveCursor(last);
        }
        failures = 0;
        pause = last === undefined ? this.options.intervalMs : 0;
      } catch (error) {
        // The abort may have happened while awaiting; a failure then is just the stop.
        if (this.stopping.signal.aborted) return;
        failures += 1;
        const base = this.options.backoffMs ?? 200;
        pause = Math.min(this.options.maxBackoffMs ?? 10_000, base * 2 ** (failures - 1));
        this.logger.warn({ err: error, failures, retryInMs: pause }, 'polling TVox events failed');
      }
      if (pause > 0) {
        try {
          await this.clock.sleep(pause, signal);
        } catch {
          return;
        }
      }
    }
  }

  /**
   * Saves an acknowledged sequence. A failure is only logged: this poller goes on from its own
   * copy, and a successor starting from an older cursor is handed events already stored, which
   * the store's dedupe drops.
   */
  private async saveCursor(sequence: number): Promise<void> {
    try {
      await this.options.cursor?.save(sequence);
    } catch (error) {
      this.logger.warn({ err: error, sequence }, 'saving the event cursor failed');
    }
  }
}
