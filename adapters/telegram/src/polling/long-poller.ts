import {
  BackgroundLoop,
  ConfigError,
  NetworkApiError,
  isRetryable,
  type BackgroundLoopState,
  type BackoffPolicy,
  type Clock,
  InvalidInputError,
  issuesFromZod,
  type InboundActivity,
  type InboundGateway,
  type Logger,
  type ParseResult,
  type SinkCursors,
} from '@tvox-connector/core';
import type { TelegramClient } from '../api/telegram-client.js';
import { TelegramUpdate } from '../webhook/update-schema.js';

/** What the poller needs besides the client. */
export interface LongPollerOptions {
  readonly channel: string;
  readonly timeoutSeconds: number;
  /** The back-off after failed polls in a row. */
  readonly retry: BackoffPolicy;
  /** Parses one update as the webhook would. */
  readonly parse: (update: TelegramUpdate) => ParseResult;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Telegram's answer to a bot token it no longer takes: 401 Unauthorized for a revoked token, 404
 * Not Found for one that names no bot. Polling again cannot cure it: the token must be replaced.
 */
export function isRevokedToken(error: unknown): boolean {
  return error instanceof NetworkApiError && (error.status === 401 || error.status === 404);
}

/**
 * Receives updates by long polling `getUpdates`. The offset is kept in the connector's store
 * (through the sink's cursors) and advanced only once the updates' messages are durably stored,
 * so a restart neither loses an update nor relays one twice (an update fetched again after a
 * crash is deduplicated on its message id). Failures are logged and retried with back-off (never
 * sooner than Telegram's `retry_after`), except a revoked bot token, which stops polling for
 * good and shows in `state`; an update that cannot be read is logged and skipped, never polled
 * again and again.
 */
export class LongPoller {
  private loop: BackgroundLoop | undefined;
  private offset: number | undefined;
  private webhookRemoved = false;

  constructor(
    private readonly client: TelegramClient,
    private readonly options: LongPollerOptions,
  ) {}

  /** The cursor's name in the store. */
  get cursorName(): string {
    return `${this.options.channel}:offset`;
  }

  /** Where polling is: running, backing off after failures, or stopped (for good, with why). */
  get state(): BackgroundLoopState | undefined {
    return this.loop?.state;
  }

  /**
   * Starts polling into `sink` (core's inbound gate) in the background. Throws `ConfigError` if
   * it keeps no cursors.
   */
  start(sink: InboundGateway): void {
    const cursors = sink.cursors;
    if (cursors === undefined) {
      throw new ConfigError([
        {
          path: `channels.${this.options.channel}.settings.receive.mode`,
          message: 'long polling needs a sink that keeps cursors (the relay does); use webhook',
        },
      ]);
    }
    const { retry, clock, logger } = this.options;
    this.loop = BackgroundLoop.start({
      name: 'Telegram long polling',
      body: ({ signal }) => this.pollOnce(sink, cursors, signal),
      backoff: retry,
      onFailure: (error) => (isRevokedToken(error) ? 'stop' : 'retry'),
      clock,
      logger,
    });
  }

  /** Stops polling: the call in flight is aborted, and nothing after it is stored. */
  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** One `getUpdates`, its messages stored and only then the offset advanced. */
  private async pollOnce(
    sink: InboundGateway,
    cursors: SinkCursors,
    signal: AbortSignal,
  ): Promise<void> {
    if (!this.webhookRemoved) {
      // getUpdates answers 409 while a webhook is set.
      await this.client.deleteWebhook(signal);
      this.webhookRemoved = true;
    }
    const offset = (this.offset ??= Number((await cursors.get(this.cursorName)) ?? '0'));
    const updates = await this.client.getUpdates(offset, this.options.timeoutSeconds, signal);
    if (updates.length === 0 || signal.aborted) return;
    const next = Math.max(...updates.map((u) => u.update_id)) + 1;
    await this.store(sink, updates);
    await cursors.set(this.cursorName, String(next));
    this.offset = next;
  }

  /**
   * Stores the messages of a batch through the gate, which counts what is ignored or unreadable.
   * A batch the store refuses for good is logged and skipped.
   */
  private async store(sink: InboundGateway, updates: readonly unknown[]): Promise<void> {
    const activities: InboundActivity[] = [];
    for (const update of updates) {
      const parsed = this.parseUpdate(sink, update);
      if (parsed?.kind === 'activities') activities.push(...parsed.activities);
      else if (parsed !== undefined) await sink.admitParsed(parsed);
    }
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

  /** One update as the adapter reads it; unreadable ones are handed to the gate and skipped. */
  private parseUpdate(sink: InboundGateway, raw: unknown): ParseResult | undefined {
    try {
      const update = TelegramUpdate.safeParse(raw);
      if (!update.success) {
        throw new InvalidInputError('Telegram update', issuesFromZod(update.error));
      }
      return this.options.parse(update.data);
    } catch (error) {
      sink.reject(error);
      return undefined;
    }
  }
}
