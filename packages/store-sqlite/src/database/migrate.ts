import { assertSchemaCurrent, pendingMigrations, type Logger } from '@tvox-connector/core';
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** What is migrated, for the messages of a refused schema. */
const SCHEMA = { subject: 'the database', storePackage: '@tvox-connector/store-sqlite' };

/** The newest migration applied to `db`; 0 for a database no migration touched yet. */
export function schemaVersion(db: Database.Database): number {
  const recorded = db
    .prepare<[], number>(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .pluck()
    .get();
  if (recorded === 0) return 0;
  return (
    db.prepare<[], number | null>('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0
  );
}

/** Refuses a schema other than the newest {@link MIGRATIONS} entry, changing nothing. */
export function assertMigrated(db: Database.Database): void {
  assertSchemaCurrent(MIGRATIONS, schemaVersion(db), SCHEMA);
}

/**
 * Brings the schema up to the newest {@link MIGRATIONS} entry, recording each step in
 * `schema_migrations`. Idempotent, and safe from several processes at once: everything happens
 * in one IMMEDIATE transaction, so a second process waits for the first and then finds nothing
 * left to do. Refuses a database migrated by a newer release of this package.
 */
export function migrate(db: Database.Database, now: number, logger: Logger): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`);
    const current = schemaVersion(db);
    const pending = pendingMigrations(MIGRATIONS, current, SCHEMA);
    const record = db.prepare<[number, string, number]>(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now);
      logger.info({ version: migration.version, name: migration.name }, 'schema migrated');
    }
  }).immediate();
}
