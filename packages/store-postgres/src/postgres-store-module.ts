import { storeModule, type StoreDeps } from '@tvox-connector/core';
import { PostgresStoreConfig } from './postgres-store-config.js';
import { PostgresStore } from './postgres-store.js';

/**
 * Binds core's `Store` to a singleton {@link PostgresStore}, built from the `PostgresStoreConfig`
 * binding and core's `Clock` and `Logger` (load core's `coreModule` first, and bind
 * `PostgresStoreConfig` to your config). Call `migrate()` before using the store.
 */
export const postgresStoreModule = storeModule(PostgresStoreConfig, createPostgresStore);

/**
 * The plain factory: a PostgreSQL store on `config.url` (the connector configuration's `store`
 * section when its `kind` is `postgres` can be passed as it is), with an optional clock and
 * logger. Throws `ConfigError` for an invalid config; connects on `migrate()`, which must be
 * called before the first operation.
 */
export function createPostgresStore(
  config: PostgresStoreConfig,
  deps: StoreDeps = {},
): PostgresStore {
  return new PostgresStore(config, deps);
}
