import { SystemClock, silentLogger, type Store } from '@tvox-connector/core';
import { createStore } from '../assembly/store.js';
import { configFrom } from './config-option.js';

/**
 * Runs `work` on the store of the configuration (migrated first, so that a new database reads as
 * empty), then closes it. Safe beside a running connector: the stores are built for that.
 */
export async function withStore<T>(
  options: { config?: string },
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const config = await configFrom(options);
  const store = createStore(config.store, new SystemClock(), silentLogger);
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}
