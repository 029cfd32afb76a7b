import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/** What SQLite answers when it cannot create a WAL-mode file's `-shm` index beside it. */
const WAL_INDEX_REFUSED = new Set([
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY_CANTINIT',
]);

/**
 * Opens the existing database file to read only: SQLite writes nothing to it, and refuses any
 * write. Reading a WAL-mode file takes its `-shm` index, which SQLite creates beside the file
 * when there is none; in a folder it may not write to, with no `-wal` file beside (no connector
 * has the file open, or the last one stopped cleanly), the file alone holds every commit, and a
 * copy of it is read in memory instead, so that nothing in the folder is touched.
 */
export function openReadOnlyDatabase(config: ResolvedSqliteStoreConfig): Database.Database {
  const db = new Database(config.path, {
    readonly: true,
    fileMustExist: true,
    timeout: config.busyTimeoutMs,
  });
  try {
    // The first read opens the WAL index.
    db.pragma('schema_version');
    return db;
  } catch (error) {
    db.close();
    const code = error instanceof Database.SqliteError ? error.code : undefined;
    if (code === undefined || !WAL_INDEX_REFUSED.has(code) || existsSync(`${config.path}-wal`)) {
      throw error;
    }
  }
  const image = readFileSync(config.path);
  // A database in memory cannot be in WAL mode: the copy's header (bytes 18 and 19, the file
  // format's write and read versions, 2 for WAL) says rollback journal.
  image[18] = 1;
  image[19] = 1;
  return new Database(image, { readonly: true });
}
