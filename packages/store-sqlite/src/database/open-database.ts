import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@tvox-connector/core';
import Database from 'better-sqlite3';
import type { ResolvedSqliteStoreConfig } from '../sqlite-store-config.js';

/** The path better-sqlite3 and SQLite read as "a private database in memory". */
export const MEMORY_PATH = ':memory:';

/**
 * Opens the database file (creating its folder) with the settings every connection needs:
 * write-ahead logging, so readers never wait for the writer and a commit is one append and one
 * fsync; the configured `synchronous` level; foreign keys (off by default in SQLite); and a busy
 * time-out for writes from another process.
 */
export function openDatabase(config: ResolvedSqliteStoreConfig, logger: Logger): Database.Database {
  const memory = config.path === MEMORY_PATH;
  if (!memory) mkdirSync(dirname(config.path), { recursive: true });
  const db = new Database(config.path, { timeout: config.busyTimeoutMs });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && mode !== 'wal') {
      logger.warn({ path: config.path, mode }, 'SQLite refused write-ahead logging for this file');
    }
    db.pragma(`synchronous = ${config.synchronous}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
