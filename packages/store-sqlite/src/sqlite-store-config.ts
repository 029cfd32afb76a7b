import { ConfigError, NonEmptyString, validate } from '@tvox-connector/core';
import { z } from 'zod';

/**
 * The settings of the SQLite store. Extra keys are ignored, so the connector configuration's
 * `store` section (`{ kind: 'sqlite', path }`) can be passed as it is.
 */
const SqliteStoreSettings = z.object({
  /** Database file, created with its folder if missing; `:memory:` for a throw-away store. */
  path: NonEmptyString,
  /**
   * `FULL` (default) fsyncs the write-ahead log on every commit: a resolved call survives a power
   * loss. `NORMAL` fsyncs only at checkpoints: a resolved call survives a crash of the process
   * (`kill -9`) but the last commits may be lost with the machine's power.
   */
  synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** How long a write waits for another process holding the database's write lock. */
  busyTimeoutMs: z.int().nonnegative().default(5_000),
});

/** DI token for the configuration {@link sqliteStoreModule} builds the store from. */
export const SqliteStoreConfig = Symbol('SqliteStoreConfig');

/** The SQLite store's configuration as written: only `path` is required. */
export type SqliteStoreConfig = z.input<typeof SqliteStoreSettings>;

/** The configuration with its defaults applied. */
export type ResolvedSqliteStoreConfig = z.output<typeof SqliteStoreSettings>;

/** Validates `config` and applies defaults; throws `ConfigError` listing every problem. */
export function resolveSqliteStoreConfig(config: SqliteStoreConfig): ResolvedSqliteStoreConfig {
  const result = validate(SqliteStoreSettings, config);
  if (!result.ok) {
    throw new ConfigError(
      result.issues.map((i) => ({ ...i, path: i.path === '' ? 'store' : `store.${i.path}` })),
    );
  }
  return result.value;
}
