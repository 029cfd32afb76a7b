import type { EventHandler } from '../interfaces/transport.js';

/** Most sequences remembered above the watermark; the oldest are forgotten past it. */
const REMEMBERED = 10_000;

/**
 * Remembers which event sequences were handled, in bounded memory: everything up to a watermark
 * (the contiguous prefix), plus at most {@link REMEMBERED} handled sequences above it. Forgetting
 * never loses an event: a forgotten sequence delivered again reaches the handler again, and the
 * store's own dedupe on `sequence` drops it there.
 */
export class HandledSequences {
  private watermark = 0;
  private readonly above = new Set<number>();

  constructor(private readonly remembered = REMEMBERED) {}

  has(sequence: number): boolean {
    return sequence <= this.watermark || this.above.has(sequence);
  }

  add(sequence: number): void {
    if (this.has(sequence)) return;
    this.above.add(sequence);
    while (this.above.delete(this.watermark + 1)) this.watermark += 1;
    // A Set iterates in insertion order: the first entries are the oldest handled.
    for (const oldest of this.above) {
      if (this.above.size <= this.remembered) break;
      this.above.delete(oldest);
    }
  }
}

/**
 * Wraps an event handler so that, within one subscription, it sees each sequence once and every
 * batch in sequence order: TVox delivers at least once and may reorder across push retries.
 * A sequence counts as handled only once the handler resolved, so a failed batch comes again.
 * (Across restarts the store's own dedupe on `sequence` takes over.)
 */
export function dedupeEvents(handler: EventHandler): EventHandler {
  const handled = new HandledSequences();
  return async (events, unreadable) => {
    const fresh = [
      ...new Map(
        events.filter((e) => !handled.has(e.sequence)).map((e) => [e.sequence, e]),
      ).values(),
    ].sort((a, b) => a.sequence - b.sequence);
    if (fresh.length === 0 && unreadable.length === 0) return;
    await handler(fresh, unreadable);
    for (const event of fresh) handled.add(event.sequence);
  };
}
