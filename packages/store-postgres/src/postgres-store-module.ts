import { Clock, Logger, Store } from '@tvox-connector/core';
import { ContainerModule } from 'inversify';
import { PostgresStoreConfig } from './postgres-store-config.js';
import { PostgresStore, type PostgresStoreDeps } from './postgres-store.js';

/**
 * Binds core's `Store` to a singleton {@link PostgresStore}, built from the `PostgresStoreConfig`
 * binding and core's `Clock` and `Logger` (load core's `coreModule` first, and bind
 * `PostgresStoreConfig` to your config). Call `migrate()` before using the store.
 */
export const postgresStoreModule = new ContainerModule(({ bind }) => {
  bind<Store>(Store)
    .toDynamicValue(
      (context) =>
        new PostgresStore(context.get<PostgresStoreConfig>(PostgresStoreConfig), {
          clock: context.get<Clock>(Clock),
          logger: context.get<Logger>(Logger),
        }),
    )
    .inSingletonScope();
});

/**
 * The plain factory: a PostgreSQL store on `config.url` (the connector configuration's `store`
 * section when its `kind` is `postgres` can be passed as it is), with an optional clock and
 * logger. Throws `ConfigError` for an invalid config; connects on `migrate()`, which must be
 * called before the first operation.
 */
export function createPostgresStore(
  config: PostgresStoreConfig,
  deps: PostgresStoreDeps = {},
): PostgresStore {
  return new PostgresStore(config, deps);
}
