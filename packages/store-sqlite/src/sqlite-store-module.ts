import { Clock, Logger, Store } from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { SqliteStoreConfig } from './sqlite-store-config.js';
import { SqliteStore, type SqliteStoreDeps } from './sqlite-store.js';

/**
 * Binds core's `Store` to a singleton {@link SqliteStore}, built from the `SqliteStoreConfig`
 * binding and core's `Clock` and `Logger` (load core's `coreModule` first, and bind
 * `SqliteStoreConfig` to your config). Call `migrate()` before using the store.
 */
export const sqliteStoreModule = new ContainerModule(({ bind }) => {
  bind<Store>(Store)
    .toDynamicValue(
      (context) =>
        new SqliteStore(context.get<SqliteStoreConfig>(SqliteStoreConfig), {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        }),
    )
    .inSingletonScope();
});

/**
 * The plain factory: a SQLite store on `config.path` (`:memory:` for a throw-away one), with an
 * optional clock and logger. Throws `ConfigError` for an invalid config; call `migrate()` before
 * the first operation.
 */
export function createSqliteStore(
  config: SqliteStoreConfig,
  deps: SqliteStoreDeps = {},
): SqliteStore {
  return new SqliteStore(config, deps);
}
