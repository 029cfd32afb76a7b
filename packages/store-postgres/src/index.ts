/**
 * `@tvox-connector/store-postgres`: core's `Store` on PostgreSQL, shared by several connector
 * instances — the ledger, the ordered outbox (each lane worked by one instance at a time),
 * sessions, event dedupe, dead letters, cursors, and the lease of the instance that polls TVox.
 */
export { PostgresStore, type PostgresStoreDeps } from './postgres-store.js';
export { createPostgresStore, postgresStoreModule } from './postgres-store-module.js';
export { PostgresStoreConfig } from './postgres-store-config.js';
