import { StoreError } from '../errors/store-error.js';

/**
 * One step of a SQL store's schema, applied once, in `version` order, inside the migration
 * transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The steps of `migrations` a schema at version `current` still needs, in order. A schema newer
 * than the last step (a newer release migrated it) is refused with a non-retryable `StoreError`
 * naming `where.subject` (what is migrated) and the `storePackage` to upgrade, before anything
 * changes.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  current: number,
  where: { readonly subject: string; readonly storePackage: string },
): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'migrate',
      `${where.subject} is at schema version ${current}, newer than the ${latest} this release ` +
        `knows; upgrade ${where.storePackage}`,
      { retryable: false },
    );
  }
  return migrations.filter((migration) => migration.version > current);
}

/**
 * Checks, for a store opened to read only, that a schema at version `current` is the one this
 * release's `migrations` end with, since such a store cannot migrate. A schema behind it is
 * refused with a non-retryable `StoreError` telling to start the connector once (which
 * migrates); a newer one as {@link pendingMigrations} refuses it.
 */
export function assertSchemaCurrent(
  migrations: readonly Migration[],
  current: number,
  where: { readonly subject: string; readonly storePackage: string },
): void {
  const pending = pendingMigrations(migrations, current, where);
  const latest = migrations.at(-1)?.version ?? 0;
  if (pending.length > 0) {
    throw new StoreError(
      'openReadOnly',
      `${where.subject} is at schema version ${current}, behind the ${latest} this release ` +
        'needs, and a read-only command does not migrate it; start the connector once ' +
        '(`tvox-connector start` migrates it at start), then run the command again',
      { retryable: false },
    );
  }
}
