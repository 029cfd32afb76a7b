import { StoreConfig, resolveStoreSettings } from '@tvox-connector/core';
import type { z } from 'zod';

/**
 * The settings of the PostgreSQL store: the `postgres` variant of the connector configuration's
 * `store` section (core's `StoreConfig`, its second variant), its `kind` optional so that the
 * section can be passed as it is. Other keys it does not know are refused, as core refuses them.
 */
const PostgresStoreSettings = StoreConfig.options[1].partial({ kind: true });

/** DI token for the configuration {@link postgresStoreModule} builds the store from. */
export const PostgresStoreConfig = Symbol('PostgresStoreConfig');

/**
 * The PostgreSQL store's configuration as written: only `url` is required; `schema` (`public`),
 * `pool.max` (10), `pool.idleTimeoutMs` (10 s) and `connectionTimeoutMs` (5 s) have defaults.
 */
export type PostgresStoreConfig = z.input<typeof PostgresStoreSettings>;

/** The configuration with its defaults applied. */
export type ResolvedPostgresStoreConfig = z.output<typeof PostgresStoreSettings>;

/** Validates `config` and applies defaults; throws `ConfigError` listing every problem. */
export function resolvePostgresStoreConfig(
  config: PostgresStoreConfig,
): ResolvedPostgresStoreConfig {
  return resolveStoreSettings(PostgresStoreSettings, config);
}
