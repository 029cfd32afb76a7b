import {
  ConfigError,
  isRetryable,
  type Clock,
  type InboundActivity,
  type InboundSink,
  type Logger,
  type Metrics,
  type ParseResult,
  type SinkCursors,
} from '@tvox-connector/core';
import type { TelegramClient } from '../api/telegram-client.js';
import { TelegramUpdate } from '../webhook/update-schema.js';

/** What the poller needs besides the client. */
export interface LongPollerOptions {
  readonly channel: string;
  readonly timeoutSeconds: number;
  readonly retryDelayMs: number;
  /** Parses one update as the webhook would. */
  readonly parse: (update: TelegramUpdate) => ParseResult;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * Receives updates by long polling `getUpdates`. The offset is kept in the connector's store
 * (through the sink's cursors) and advanced only once the updates' messages are durably stored,
 * so a restart neither loses an update nor relays one twice (an update fetched again after a
 * crash is deduplicated on its message id). Failures are logged and retried after a pause; an
 * update that cannot be read is logged and skipped, never polled again and again.
 */
export class LongPoller {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: TelegramClient,
    private readonly options: LongPollerOptions,
  ) {}

  /** The cursor's name in the store. */
  get cursorName(): string {
    return `${this.options.channel}:offset`;
  }

  /** Starts polling into `sink` in the background. Throws `ConfigError` if it keeps no cursors. */
  start(sink: InboundSink): void {
    const cursors = sink.cursors;
    if (cursors === undefined) {
      throw new ConfigError([
        {
          path: `channels.${this.options.channel}.settings.receive.mode`,
          message: 'long polling needs a sink that keeps cursors (the relay does); use webhook',
        },
      ]);
    }
    this.loop = this.run(sink, cursors);
  }

  /** Stops polling: the call in flight is aborted, and nothing after it is stored. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** A call, so that checks after an `await` are not narrowed away by the compiler. */
  private isStopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(sink: InboundSink, cursors: SinkCursors): Promise<void> {
    let offset: number | undefined;
    let webhookRemoved = false;
    while (!this.isStopped()) {
      try {
        if (!webhookRemoved) {
          // getUpdates answers 409 while a webhook is set.
          await this.client.deleteWebhook(this.stopping.signal);
          webhookRemoved = true;
        }
        offset ??= Number((await cursors.get(this.cursorName)) ?? '0');
        const updates = await this.client.getUpdates(
          offset,
          this.options.timeoutSeconds,
          this.stopping.signal,
        );
        if (updates.length === 0 || this.isStopped()) continue;
        const next = Math.max(...updates.map((u) => u.update_id)) + 1;
        await this.store(sink, updates);
        await cursors.set(this.cursorName, String(next));
        offset = next;
      } catch (error) {
        if (this.isStopped()) return;
        this.options.logger.warn(
          { err: error, channel: this.options.channel },
          'Telegram long polling failed; polling again shortly',
        );
        try {
          await this.options.clock.sleep(this.options.retryDelayMs, this.stopping.signal);
        } catch {
          return;
        }
      }
    }
  }

  /** Stores the messages of a batch. A batch the store refuses for good is logged and skipped. */
  private async store(sink: InboundSink, updates: readonly unknown[]): Promise<void> {
    const activities: InboundActivity[] = updates.flatMap((update) => this.activitiesOf(update));
    if (activities.length === 0) return;
    try {
      await sink.accept(activities);
    } catch (error) {
      if (isRetryable(error)) throw error;
      this.options.logger.error(
        { err: error, channel: this.options.channel, count: activities.length },
        'Telegram updates refused by the relay; skipped',
      );
    }
  }

  private activitiesOf(raw: unknown): InboundActivity[] {
    const { channel, logger, metrics } = this.options;
    const update = TelegramUpdate.safeParse(raw);
    let parsed: ParseResult;
    try {
      if (!update.success) throw update.error;
      parsed = this.options.parse(update.data);
    } catch (error) {
      metrics.increment('tvox_webhook_rejections_total', { channel, reason: 'malformed' });
      logger.warn({ err: error, channel }, 'unreadable Telegram update skipped');
      return [];
    }
    if (parsed.kind === 'activities') return [...parsed.activities];
    metrics.increment('tvox_webhook_rejections_total', { channel, reason: 'ignored' });
    logger.debug(
      { channel, reason: parsed.kind === 'ignored' ? parsed.reason : 'reply' },
      'Telegram update ignored',
    );
    return [];
  }
}
