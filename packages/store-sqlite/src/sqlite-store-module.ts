import { storeModule, type StoreDeps } from '@tvox-connector/core';
import { SqliteStoreConfig } from './sqlite-store-config.js';
import { SqliteStore } from './sqlite-store.js';

/**
 * Binds core's `Store` to a singleton {@link SqliteStore}, built from the `SqliteStoreConfig`
 * binding and core's `Clock` and `Logger` (load core's `coreModule` first, and bind
 * `SqliteStoreConfig` to your config). Call `migrate()` before using the store.
 */
export const sqliteStoreModule = storeModule(SqliteStoreConfig, createSqliteStore);

/**
 * The plain factory: a SQLite store on `config.path` (`:memory:` for a throw-away one), with an
 * optional clock and logger. Throws `ConfigError` for an invalid config; call `migrate()` before
 * the first operation.
 */
export function createSqliteStore(config: SqliteStoreConfig, deps: StoreDeps = {}): SqliteStore {
  return new SqliteStore(config, deps);
}
