import type { Logger } from '@tvox-connector/core';
import pg from 'pg';

/** Pause before connecting again after the listening connection failed; doubles up to the cap. */
const RECONNECT_MS = 250;
const MAX_RECONNECT_MS = 10_000;

/**
 * The store's work notifications: one dedicated connection LISTENs on the store's channel (every
 * transaction that enqueues work NOTIFYs it on commit) and calls the listeners. When the
 * connection fails it is opened again with back-off, and the listeners are called once it is
 * back, since notifications sent meanwhile were lost.
 */
export class WorkListener {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Calls `listener` on each notification; connects on the first one. Returns its removal. */
  add(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.closed) this.connecting ??= this.connect();
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    let dropped = false;
    const drop = (error: unknown): void => {
      if (dropped) return;
      dropped = true;
      this.lost(client, error);
    };
    client.on('notification', () => {
      this.wake();
    });
    client.on('error', drop);
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.failures > 0) {
      this.logger.info('listening for new work again');
      this.wake();
    }
    this.failures = 0;
  }

  /** Drops a failed connection and schedules the next. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.failures += 1;
    const delay = Math.min(MAX_RECONNECT_MS, RECONNECT_MS * 2 ** (this.failures - 1));
    this.logger.warn(
      { err: error, retryInMs: delay },
      'listening for new work failed; workers look for work every idle period meanwhile',
    );
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.connecting = this.connect();
    }, delay);
    this.retry.unref();
  }

  private wake(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.logger.warn({ err: error }, 'a work listener failed');
      }
    }
  }
}
