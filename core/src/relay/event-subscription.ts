import type { Clock } from '../interfaces/clock.js';
import type { Logger } from '../interfaces/logger.js';
import type { Store } from '../interfaces/store.js';
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
 * loses it (or cannot tell, the store failing). `close()` resigns, so another instance takes over
 * without waiting for the lease to run out.
 */
class LeaderOnlySubscription implements EventSubscription {
  private readonly stopping = new AbortController();
  private subscription: EventSubscription | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly deps: EventSubscriptionDeps,
    private readonly lead: () => Promise<boolean>,
    private readonly subscribe: () => Promise<EventSubscription>,
  ) {
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.stopPolling();
    try {
      await this.deps.store.resign?.(EVENTS_POLL, this.deps.owner);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'resigning the event poll lease failed');
    }
  }

  private async run(): Promise<void> {
    const { clock, logger, leaseMs } = this.deps;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let leading = false;
      try {
        leading = await this.lead();
      } catch (error) {
        logger.warn({ err: error }, 'renewing the event poll lease failed; not polling meanwhile');
      }
      if (this.isStopped()) return;
      try {
        if (leading && this.subscription === undefined) {
          this.subscription = await this.subscribe();
          logger.info('leading: this instance polls TVox events');
        } else if (!leading && this.subscription !== undefined) {
          await this.stopPolling();
          logger.info('no longer leading: another instance polls TVox events');
        }
      } catch (error) {
        logger.warn({ err: error }, 'subscribing to TVox events failed; trying again');
      }
      try {
        await clock.sleep(Math.max(1, Math.floor(leaseMs / 3)), signal);
      } catch {
        return;
      }
    }
  }

  /** A call, so that checks after an `await` are not narrowed away by the compiler. */
  private isStopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Stops polling if this instance was. */
  private async stopPolling(): Promise<void> {
    const subscription = this.subscription;
    if (subscription === undefined) return;
    this.subscription = undefined;
    await subscription.close();
  }
}
