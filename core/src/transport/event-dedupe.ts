import type { TvoxEvent } from '../contract/events.js';
import type { EventHandler } from '../interfaces/transport.js';
import { eventKey } from './stream-restart.js';

/** Most events remembered; the oldest are forgotten past it. */
const REMEMBERED = 10_000;

/** What names an event for its dedupe. */
type EventName = Pick<TvoxEvent, 'sequence' | 'epoch' | 'sessionId' | 'at'>;

/** An event's sequence and key, as one text. */
function nameOf(event: EventName): string {
  return `${event.sequence}\n${eventKey(event)}`;
}

/**
 * Remembers which events were handled, in bounded memory: the latest {@link REMEMBERED}, each by
 * its sequence and its key (see `eventKey`), so that an event of a stream TVox started again is
 * not taken for one handled under the same sequence. Forgetting never loses an event: a forgotten
 * event delivered again reaches the handler again, and the store's own dedupe drops it there.
 */
export class HandledEvents {
  private readonly handled = new Set<string>();

  constructor(private readonly remembered = REMEMBERED) {}

  has(event: EventName): boolean {
    return this.handled.has(nameOf(event));
  }

  add(event: EventName): void {
    const name = nameOf(event);
    if (this.handled.has(name)) return;
    this.handled.add(name);
    // A Set iterates in insertion order: the first entries are the oldest handled.
    for (const oldest of this.handled) {
      if (this.handled.size <= this.remembered) break;
      this.handled.delete(oldest);
    }
  }
}

/**
 * Wraps an event handler so that, within one subscription, it sees each event once and every
 * batch in sequence order: TVox delivers at least once and may reorder across push retries.
 * An event counts as handled only once the handler resolved, so a failed batch comes again.
 * (Across restarts the store's own dedupe takes over.)
 */
export function dedupeEvents(handler: EventHandler): EventHandler {
  const handled = new HandledEvents();
  return async (events, unreadable) => {
    const fresh = [
      ...new Map(events.filter((e) => !handled.has(e)).map((e) => [nameOf(e), e])).values(),
    ].sort((a, b) => a.sequence - b.sequence);
    if (fresh.length === 0 && unreadable.length === 0) return;
    await handler(fresh, unreadable);
    for (const event of fresh) handled.add(event);
  };
}
