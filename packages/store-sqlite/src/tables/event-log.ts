import type { EventLogTable } from '@tvox-connector/core';
import type Database from 'better-sqlite3';

/** The TVox event sequences already recorded: the durable dedupe of events. */
export class EventLog implements EventLogTable {
  private readonly insertSequence;

  constructor(db: Database.Database) {
    this.insertSequence = db.prepare<[number, number]>(
      'INSERT INTO recorded_events (sequence, recorded_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** Records `sequences`; the ones that were not recorded before. */
  record(sequences: readonly number[], now: number): Set<number> {
    return new Set(
      sequences.filter((sequence) => this.insertSequence.run(sequence, now).changes === 1),
    );
  }
}
