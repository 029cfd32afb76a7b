import type { EventLogEntry, EventLogTable } from '@tvox-connector/core';
import type Database from 'better-sqlite3';

/** The TVox events already recorded, by sequence and key: the durable dedupe of events. */
export class EventLog implements EventLogTable {
  private readonly selectKeys;
  private readonly insertEntry;
  private readonly deleteOldest;

  constructor(db: Database.Database) {
    this.selectKeys = db.prepare<[string], { sequence: number; event_key: string }>(
      `SELECT sequence, event_key FROM recorded_events
       WHERE sequence IN (SELECT value FROM json_each(?))`,
    );
    this.insertEntry = db.prepare<[number, string, number]>(
      `INSERT INTO recorded_events (sequence, event_key, recorded_at) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.deleteOldest = db.prepare<[number, number]>(
      `DELETE FROM recorded_events WHERE rowid IN (
         SELECT rowid FROM recorded_events WHERE recorded_at < ? ORDER BY recorded_at LIMIT ?)`,
    );
  }

  /** The keys recorded under each of `sequences` that has any. */
  keysOf(sequences: readonly number[]): Map<number, string[]> {
    const keys = new Map<number, string[]>();
    if (sequences.length === 0) return keys;
    for (const row of this.selectKeys.all(JSON.stringify(sequences)))
      keys.set(row.sequence, [...(keys.get(row.sequence) ?? []), row.event_key]);
    return keys;
  }

  /** Records `entries`; the ones that were not recorded before, named `${sequence}\n${key}`. */
  record(entries: readonly EventLogEntry[], now: number): Set<string> {
    return new Set(
      entries
        .filter((e) => this.insertEntry.run(e.sequence, e.key, now).changes === 1)
        .map((e) => `${e.sequence}\n${e.key}`),
    );
  }

  /** Deletes up to `limit` entries recorded before `before`, oldest first; how many. */
  prune(before: number, limit: number): number {
    return this.deleteOldest.run(before, limit).changes;
  }
}
