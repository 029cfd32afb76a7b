import type { TvoxEvent } from '../contract/events.js';
import type { EventEntry } from '../interfaces/store.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * `Store.recordEvents`: records the sequence of each event once and enqueues the job it came with
 * when it is new. The first of repeated sequences in one call is the one recorded.
 */
export function* recordEventEntries(
  tables: StoreTables,
  entries: readonly EventEntry[],
  now: number,
): Procedure<TvoxEvent[]> {
  const sequences = entries.map((entry) => entry.event.sequence);
  const fresh = new Set(yield* step(tables.events.record(sequences, now)));
  const recorded: TvoxEvent[] = [];
  for (const { event, job } of entries) {
    if (!fresh.delete(event.sequence)) continue;
    yield* step(tables.outbox.enqueue(job, now));
    recorded.push(event);
  }
  return recorded;
}
