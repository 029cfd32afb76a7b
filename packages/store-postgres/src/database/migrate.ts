import { pendingMigrations, type Logger } from '@tvox-connector/core';
import type pg from 'pg';
import { advisoryKey } from './advisory-keys.js';
import { MIGRATIONS } from './migrations.js';
import { inTransaction } from './transaction.js';

/**
 * Brings `schema` up to the newest {@link MIGRATIONS} entry, creating it if missing and recording
 * each step in `schema_migrations`. Safe when several instances start at once: everything happens
 * in one transaction holding an advisory lock named after the schema, so the others wait for the
 * first and then find nothing left to do. Refuses a schema migrated by a newer release.
 */
export async function migrate(
  pool: pg.Pool,
  schema: string,
  now: number,
  logger: Logger,
): Promise<void> {
  await inTransaction(pool, [advisoryKey('migrate', schema)], async (tx) => {
    const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    // The schema is a checked identifier (lower-case letters, digits, underscores).
    if (exists.rowCount === 0) await tx.query(`CREATE SCHEMA ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const { rows } = await tx.query<{ current: number | null }>(
      'SELECT max(version) AS current FROM schema_migrations',
    );
    const current = rows[0]?.current ?? 0;
    const pending = pendingMigrations(MIGRATIONS, current, {
      subject: `the schema ${schema}`,
      storePackage: '@tvox-connector/store-postgres',
    });
    for (const migration of pending) {
      await tx.query(migration.sql);
      await tx.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, now],
      );
      logger.info({ version: migration.version, name: migration.name, schema }, 'schema migrated');
    }
  });
}
