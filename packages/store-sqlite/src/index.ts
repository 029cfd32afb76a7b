/**
 * `@tvox-connector/store-sqlite`: core's `Store` on an embedded SQLite database — the ledger,
 * the ordered outbox, sessions, event dedupe, dead letters and cursors in one file.
 */
export {
  SqliteStore,
  type CommitStats,
  type SqliteStoreDeps,
  type WriteOperation,
} from './sqlite-store.js';
export { createSqliteStore, sqliteStoreModule } from './sqlite-store-module.js';
export { SqliteStoreConfig } from './sqlite-store-config.js';
