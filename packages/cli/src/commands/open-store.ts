import { SystemClock, silentLogger, type Store } from '@tvox-connector/core';
import { createStore } from '../assembly/store.js';
import { configFrom } from './config-option.js';

/**
 * How a command uses the store: `read` opens it read-only without migrating (where the store
 * can: `Store.openReadOnly`), so that looking works on a read-only folder and writes nothing;
 * `write` migrates it first, so that a new database reads as empty.
 */
export type StoreAccess = 'read' | 'write';

/**
 * Runs `work` on the store of the configuration, opened for `access`, then closes it. Safe
 * beside a running connector: the stores are built for that.
 */
export async function withStore<T>(
  options: { config?: string },
  access: StoreAccess,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const config = await configFrom(options);
  const store = createStore(config.store, new SystemClock(), silentLogger);
  try {
    if (access === 'read' && store.openReadOnly) await store.openReadOnly();
    else await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}
