import type { Clock, ConnectorConfig, Logger, Store } from '@tvox-connector/core';
import { createPostgresStore } from '@tvox-connector/store-postgres';
import { createSqliteStore } from '@tvox-connector/store-sqlite';

/** The store the configuration names: embedded SQLite, or PostgreSQL shared by instances. */
export function createStore(config: ConnectorConfig['store'], clock: Clock, logger: Logger): Store {
  return config.kind === 'sqlite'
    ? createSqliteStore(config, { clock, logger })
    : createPostgresStore(config, { clock, logger });
}
