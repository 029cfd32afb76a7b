import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Metrics } from '../interfaces/metrics.js';
import type {
  EventBatch,
  EventCursor,
  EventHandler,
  EventSubscription,
  Transport,
} from '../interfaces/transport.js';
import type { BackoffPolicy } from '../runtime/backoff.js';
import { BackgroundLoop } from '../runtime/background-loop.js';
import { noopMetrics } from '../runtime/noop-metrics.js';
import { pollRestarted } from './stream-restart.js';
import { alertOnTvoxAuthFailure } from './tvox-auth-failures.js';

/** The sequences of a batch's events, readable or set aside. */
function sequencesOf(batch: EventBatch): number[] {
  return [
    ...batch.events.map((e) => e.sequence),
    ...batch.unreadable.flatMap((e) => (e.sequence === undefined ? [] : [e.sequence])),
  ];
}

/**
 * The sequence to acknowledge after a batch: its newest event, readable or set aside (an
 * unreadable event is handed to the handler to keep, so it must not come back forever).
 */
function lastSequenceOf(sequences: readonly number[]): number | undefined {
  return sequences.length === 0 ? undefined : Math.max(...sequences);
}

/** What one page of events came to. */
export type PolledPage =
  | { readonly kind: 'empty' }
  | { readonly kind: 'handled'; readonly last: number }
  /** TVox's newest sequence is below the cursor: its stream started again (see `pollRestarted`). */
  | { readonly kind: 'restarted'; readonly lastSequence: number };

/** How an {@link EventPoller} paces itself. */
export interface EventPollerOptions {
  /** Pause after a poll that returned nothing. */
  readonly intervalMs: number;
  /** Most events per poll. */
  readonly max: number;
  /** The back-off after failures in a row; from 200 ms up to 10 s without. */
  readonly backoff?: BackoffPolicy;
  /** Where polling starts and each acknowledged sequence is saved; from 0, in memory, without. */
  readonly cursor?: EventCursor;
}

const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Receives events by polling: `pollEvents` after the last acknowledged sequence, hand the batch to
 * the handler, and `ackEvents` only once the handler resolved (the events are durably stored). A
 * failing poll, handler or ack is retried after a back-off; TVox refusing the credentials is
 * alerted too (see `alertOnTvoxAuthFailure`). Nothing is acknowledged that was not handled, so a
 * crash at any point means TVox delivers the batch again. Both transports use it.
 */
export class EventPoller implements EventSubscription {
  private readonly loop: BackgroundLoop;
  private cursor: number | undefined;

  constructor(
    private readonly transport: Pick<Transport, 'pollEvents' | 'ackEvents'>,
    private readonly handler: EventHandler,
    clock: Clock,
    private readonly logger: Logger,
    private readonly options: EventPollerOptions,
    private readonly metrics: Metrics = noopMetrics,
  ) {
    this.loop = BackgroundLoop.start({
      name: 'polling TVox events',
      body: ({ signal }) => this.pollOnce(signal),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      onFailure: alertOnTvoxAuthFailure(metrics),
      clock,
      logger,
    });
  }

  async close(): Promise<void> {
    await this.loop.stop();
  }

  /** One poll, and its batch handled and acknowledged; the pause before the next poll. */
  private async pollOnce(signal: AbortSignal): Promise<number> {
    const cursor = (this.cursor ??= (await this.options.cursor?.load()) ?? 0);
    const page = await pollPage(this.transport, this.handler, cursor, this.options.max, signal);
    if (page.kind === 'empty') return this.options.intervalMs;
    if (page.kind === 'restarted') {
      await this.restartFromZero(cursor, page.lastSequence);
      return 0;
    }
    this.cursor = page.last;
    await saveCursor(this.options.cursor, page.last, this.logger);
    return 0;
  }

  /**
   * TVox started its event stream again (its state was reset): the cursor is above everything it
   * has now, so polling starts over from 0. The events it gives again are told apart from the
   * ones recorded under the same sequences by the store's dedupe (see `eventKey`), and applied.
   */
  private async restartFromZero(cursor: number, lastSequence: number): Promise<void> {
    this.logger.warn(
      { cursor, lastSequence },
      'TVox started its event stream again (its last sequence is below the acknowledged one); polling from the start',
    );
    this.metrics.increment('tvox_event_stream_restarts_total', { signal: 'poll' });
    this.cursor = 0;
    await saveCursor(this.options.cursor, 0, this.logger);
  }
}

/**
 * One page of events: `pollEvents` after `afterSequence`, the batch handed to `handler`, and
 * `ackEvents` once it resolved: the sequence acknowledged. Nothing is handed on when TVox had
 * nothing, or when its stream started again below `afterSequence`.
 */
export async function pollPage(
  transport: Pick<Transport, 'pollEvents' | 'ackEvents'>,
  handler: EventHandler,
  afterSequence: number,
  max: number,
  signal?: AbortSignal,
): Promise<PolledPage> {
  const options = signal === undefined ? undefined : { signal };
  const batch = await transport.pollEvents({ poll: { afterSequence, max } }, options);
  const sequences = sequencesOf(batch);
  if (
    afterSequence > 0 &&
    pollRestarted(afterSequence, { lastSequence: batch.lastSequence, sequences })
  ) {
    return { kind: 'restarted', lastSequence: batch.lastSequence };
  }
  const last = lastSequenceOf(sequences);
  if (last === undefined) return { kind: 'empty' };
  await handler(batch.events, batch.unreadable);
  await transport.ackEvents({ ack: { upToSequence: last } }, options);
  return { kind: 'handled', last };
}

/**
 * Saves an acknowledged sequence. A failure is only logged: the poller goes on from its own
 * copy, and a successor starting from an older cursor is handed events already stored, which
 * the store's dedupe drops.
 */
export async function saveCursor(
  cursor: EventCursor | undefined,
  sequence: number,
  logger: Logger,
): Promise<void> {
  try {
    await cursor?.save(sequence);
  } catch (error) {
    logger.warn({ err: error, sequence }, 'saving the event cursor failed');
  }
}
