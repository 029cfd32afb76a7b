import {
  BackgroundLoop,
  type BackoffPolicy,
  type Clock,
  type Logger,
  type LoopRun,
} from '@tvox-connector/core';
import pg from 'pg';
import { postgresFailure } from './postgres-errors.js';

/** Pause before connecting again after the listening connection failed, with jitter. */
const RECONNECT: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 10_000 };

/**
 * The store's work notifications: one dedicated connection LISTENs on the store's channel (every
 * transaction that enqueues work NOTIFYs it on commit) and calls the listeners. When the
 * connection fails it is opened again with back-off, and the listeners are called once it is
 * back, since notifications sent meanwhile were lost.
 */
export class WorkListener {
  private readonly listeners = new Set<() => void>();
  private loop: BackgroundLoop | undefined;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Calls `listener` on each notification; connects on the first one. Returns its removal. */
  add(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.closed) {
      this.loop ??= BackgroundLoop.start({
        name: 'listening for new work',
        body: (run) => this.listen(run),
        backoff: RECONNECT,
        meanwhile: 'workers look for work every idle period meanwhile',
        clock: this.clock,
        logger: this.logger,
      });
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.loop?.stop();
  }

  /** One listening connection, from connecting until it fails (rejects) or the store closes. */
  private async listen(run: LoopRun): Promise<void> {
    const client = new pg.Client(this.config);
    // Every 'error' needs a listener, or it ends the process; the first one ends the connection.
    const dropped = new Promise<never>((_, reject) => {
      client.on('error', reject);
    });
    client.on('notification', () => {
      this.wake();
    });
    let close = (): void => undefined;
    const closing = new Promise<void>((resolve) => {
      close = resolve;
    });
    run.signal.addEventListener('abort', close, { once: true });
    try {
      await Promise.race([this.subscribe(client), dropped]);
      run.healthy();
      if (run.failures > 0) this.wake();
      await Promise.race([closing, dropped]);
    } catch (error) {
      // The loop logs what this rejects with: only what may be logged of a pg failure.
      throw postgresFailure(error);
    } finally {
      // One listener per connection would pile up on the store's signal over reconnections.
      run.signal.removeEventListener('abort', close);
      await client.end().catch(() => undefined);
    }
  }

  private async subscribe(client: pg.Client): Promise<void> {
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
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
