import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Store } from '../interfaces/store.js';
import { BackgroundLoop } from '../runtime/background-loop.js';
import type {
  EventCursor,
  EventHandler,
  EventSubscription,
  Transport,
} from '../interfaces/transport.js';

/** The store's name of the poll position and of the lease of the instance that polls. */
export const EVENTS_POLL = 'tvox:events:poll';

/** What {@link subscribeEvents} works with. */
export interface EventSubscriptionDeps {
  readonly store: Pick<Store, 'getCursor' | 'setCursor' | 'tryLead' | 'resign'>;
  readonly transport: Pick<Transport, 'eventMode' | 'subscribe'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This instance's name in the lease. */
  readonly owner: string;
  /** How long the lease holds without renewal; renewed every third of it. */
  readonly leaseMs: number;
}

/** The poll position kept in the store's cursors, so that whoever polls next resumes there. */
function storeCursor(store: EventSubscriptionDeps['store']): EventCursor {
  return {
    load: async () => {
      const value = await store.getCursor(EVENTS_POLL);
      return value === undefined ? undefined : Number(value);
    },
    save: (sequence) => store.setCursor(EVENTS_POLL, String(sequence)),
  };
}

/**
 * Subscribes the relay to TVox's events. Pushed events may reach any instance, so every instance
 * subscribes. Polled events are read by one instance at a time: with a store shared by several
 * instances (one that implements `tryLead`) only the holder of the lease polls; otherwise this
 * instance does. The poll position is a store cursor, so a new leader resumes where the last
 * one acknowledged.
 */
export async function subscribeEvents(
  deps: EventSubscriptionDeps,
  handler: EventHandler,
): Promise<EventSubscription> {
  const options = { cursor: storeCursor(deps.store) };
  const store = deps.store;
  if (deps.transport.eventMode === 'push' || store.tryLead === undefined) {
    return deps.transport.subscribe(handler, options);
  }
  const tryLead = store.tryLead.bind(store);
  return new LeaderOnlySubscription(
    deps,
    () => tryLead(EVENTS_POLL, deps.owner, deps.leaseMs),
    () => deps.transport.subscribe(handler, options),
  );
}

/**
 * A subscription held only while this instance holds the lease: it tries to take or renew the
 * lease every third of `leaseMs`, subscribes when it gets it and closes the subscription when it
 * loses it (or cannot tell, the store failing, until the store answers again). `close()` resigns,
 * so another instance takes over without waiting for the lease to run out.
 */
class LeaderOnlySubscription implements EventSubscription {
  private subscription: EventSubscription | undefined;
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly deps: EventSubscriptionDeps,
    private readonly lead: () => Promise<boolean>,
    private readonly subscribe: () => Promise<EventSubscription>,
  ) {
    const renewEveryMs = Math.max(1, Math.floor(deps.leaseMs / 3));
    this.loop = BackgroundLoop.start({
      name: 'taking the event poll lease',
      body: async ({ signal }) => {
        await this.follow(signal);
        return renewEveryMs;
      },
      // A failure is tried again no later than the next renewal would have been.
      backoff: { initialDelayMs: renewEveryMs, maxDelayMs: renewEveryMs },
      meanwhile: 'not polling meanwhile',
      clock: deps.clock,
      logger: deps.logger,
    });
  }

  async close(): Promise<void> {
    await this.loop.stop();
    await this.stopPolling();
    try {
      await this.deps.store.resign?.(EVENTS_POLL, this.deps.owner);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'resigning the event poll lease failed');
    }
  }

  /** Takes or renews the lease, and polls while this instance holds it (unless closing). */
  private async follow(closing: AbortSignal): Promise<void> {
    const { logger } = this.deps;
    let leading: boolean;
    try {
      leading = await this.lead();
    } catch (error) {
      // Another instance may take the lease meanwhile: one poller at most.
      await this.stopPolling();
      throw error;
    }
    if (closing.aborted) return;
    if (leading && this.subscription === undefined) {
      this.subscription = await this.subscribe();
      logger.info('leading: this instance polls TVox events');
    } else if (!leading && this.subscription !== undefined) {
      await this.stopPolling();
      logger.info('no longer leading: another instance polls TVox events');
    }
  }

  /** Stops polling if this instance was. */
  private async stopPolling(): Promise<void> {
    const subscription = this.subscription;
    if (subscription === undefined) return;
    this.subscription = undefined;
    await subscription.close();
  }
}
