import { cursorStatements } from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { marker, numbered, type Numbered } from '../database/numbered.js';

/** Named positions (an event sequence, a network's poll offset). */
export class Cursors {
  private readonly selectCursor;
  private readonly upsertCursor;
  private readonly insertCursor;

  constructor(db: Database.Database) {
    const sql = cursorStatements(marker);
    this.selectCursor = db.prepare<[Numbered], string>(sql.get).pluck();
    this.upsertCursor = db.prepare<[Numbered]>(sql.set);
    this.insertCursor = db.prepare<[string, string, number]>(
      `INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
    );
  }

  get(name: string): string | undefined {
    return this.selectCursor.get(numbered([name]));
  }

  set(name: string, value: string, now: number): void {
    this.upsertCursor.run(numbered([name, value, now]));
  }

  /** Sets the cursor unless it has a value; the value it has then (in the same transaction). */
  claim(name: string, value: string, now: number): string {
    this.insertCursor.run(name, value, now);
    return this.get(name) ?? value;
  }
}
