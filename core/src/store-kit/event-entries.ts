import type { TvoxEvent } from '../contract/events.js';
import type { EventEntry, RecordedEvents } from '../interfaces/store.js';
import { eventKey, sightingOf } from '../transport/stream-restart.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * `Store.recordEvents`: records each event once, by its sequence and key, and enqueues the job it
 * came with when it is new. The first of repeated events in one call is the one recorded; an
 * event under a sequence recorded with other events only is new, and told as restarted.
 */
export function* recordEventEntries(
  tables: StoreTables,
  entries: readonly EventEntry[],
  now: number,
): Procedure<RecordedEvents> {
  const seen = yield* step(
    tables.events.keysOf([...new Set(entries.map((entry) => entry.event.sequence))]),
  );
  const candidates = new Map<string, EventEntry & { readonly key: string }>();
  for (const entry of entries) {
    const key = eventKey(entry.event);
    const name = `${entry.event.sequence}\n${key}`;
    if (
      candidates.has(name) ||
      sightingOf(key, seen.get(entry.event.sequence) ?? []) === 'duplicate'
    )
      continue;
    candidates.set(name, { ...entry, key });
  }
  // Another instance may record the same event meanwhile: only what this call inserted counts.
  const inserted = yield* step(
    tables.events.record(
      [...candidates.values()].map(({ event, key }) => ({ sequence: event.sequence, key })),
      now,
    ),
  );
  const recorded: TvoxEvent[] = [];
  const restarted: TvoxEvent[] = [];
  for (const [name, { event, job }] of candidates) {
    if (!inserted.has(name)) continue;
    yield* step(tables.outbox.enqueue(job, now));
    recorded.push(event);
    if ((seen.get(event.sequence)?.length ?? 0) > 0) restarted.push(event);
  }
  if (restarted.length > 0)
    yield* step(
      tables.sessions.forgetStreamPosition(Math.min(...restarted.map((e) => e.sequence))),
    );
  return { recorded, restarted };
}
