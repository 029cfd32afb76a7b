import type Database from 'better-sqlite3';

/** The TVox event sequences already recorded: the durable dedupe of events. */
export class EventLog {
  private readonly insertSequence;
  private readonly selectNewest;

  constructor(db: Database.Database) {
    this.insertSequence = db.prepare<[number, number]>(
      'INSERT INTO recorded_events (sequence, recorded_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.selectNewest = db
      .prepare<[], number>('SELECT coalesce(max(sequence), 0) FROM recorded_events')
      .pluck();
  }

  /** The newest sequence recorded; 0 before any. */
  newest(): number {
    return this.selectNewest.get() ?? 0;
  }

  /** Records `sequence`; false when it was recorded before. */
  record(sequence: number, now: number): boolean {
    return this.insertSequence.run(sequence, now).changes === 1;
  }
}
