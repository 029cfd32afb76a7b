import type Database from 'better-sqlite3';

/** The TVox event sequences already recorded: the durable dedupe of events. */
export class EventLog {
  private readonly insertSequence;

  constructor(db: Database.Database) {
    this.insertSequence = db.prepare<[number, number]>(
      'INSERT INTO recorded_events (sequence, recorded_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** Records `sequence`; false when it was recorded before. */
  record(sequence: number, now: number): boolean {
    return this.insertSequence.run(sequence, now).changes === 1;
  }
}
