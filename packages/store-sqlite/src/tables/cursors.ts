import type Database from 'better-sqlite3';

/** Named positions (an event sequence, a network's poll offset). */
export class Cursors {
  private readonly selectCursor;
  private readonly upsertCursor;
  private readonly insertCursor;

  constructor(db: Database.Database) {
    this.selectCursor = db
      .prepare<[string], string>('SELECT value FROM cursors WHERE name = ?')
      .pluck();
    this.upsertCursor = db.prepare<[string, string, number]>(
      `INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.insertCursor = db.prepare<[string, string, number]>(
      `INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    );
  }

  get(name: string): string | undefined {
    return this.selectCursor.get(name);
  }

  set(name: string, value: string, now: number): void {
    this.upsertCursor.run(name, value, now);
  }

  /** Sets the cursor unless it has a value; the value it has then (in the same transaction). */
  claim(name: string, value: string, now: number): string {
    this.insertCursor.run(name, value, now);
    return this.selectCursor.get(name) ?? value;
  }
}
