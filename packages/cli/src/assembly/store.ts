import {
  ConfigError,
  type Clock,
  type ConnectorConfig,
  type Logger,
  type Store,
} from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';

/** The store the configuration names. */
export function createStore(config: ConnectorConfig['store'], clock: Clock, logger: Logger): Store {
  switch (config.kind) {
    case 'sqlite':
      return createSqliteStore(config, { clock, logger });
    case 'postgres':
      throw new ConfigError([
        {
          path: 'store.kind',
          message: 'the postgres store is not available in this build; use sqlite',
        },
      ]);
  }
}
