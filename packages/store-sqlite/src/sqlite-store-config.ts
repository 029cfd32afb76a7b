import { StoreConfig, resolveStoreSettings } from '@tvox-connector/core';
import type { z } from 'zod';

/** The `sqlite` variant of the connector configuration's `store` section. */
const SqliteVariant = StoreConfig.options[0];

/**
 * The settings of the SQLite store: the `sqlite` variant of the connector configuration's `store`
 * section (core's `StoreConfig`, its first variant), its `kind` optional so that the section can
 * be passed as it is, and with `path` required: the connector's default file is the connector's,
 * not the store's. Other keys it does not know are refused, as core refuses them.
 */
const SqliteStoreSettings = SqliteVariant.partial({ kind: true }).extend({
  path: SqliteVariant.shape.path.unwrap(),
});

/** DI token for the configuration {@link sqliteStoreModule} builds the store from. */
export const SqliteStoreConfig = Symbol('SqliteStoreConfig');

/**
 * The SQLite store's configuration as written: only `path` is required; `synchronous` (`FULL`)
 * and `busyTimeoutMs` (5 s) have defaults.
 */
export type SqliteStoreConfig = z.input<typeof SqliteStoreSettings>;

/** The configuration with its defaults applied. */
export type ResolvedSqliteStoreConfig = z.output<typeof SqliteStoreSettings>;

/** Validates `config` and applies defaults; throws `ConfigError` listing every problem. */
export function resolveSqliteStoreConfig(config: SqliteStoreConfig): ResolvedSqliteStoreConfig {
  return resolveStoreSettings(SqliteStoreSettings, config);
}
