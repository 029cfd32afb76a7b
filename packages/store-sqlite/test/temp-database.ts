import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A database path in a new temporary folder. */
export function tempDatabasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'tvox-store-sqlite-')), 'store.db');
}

/** Removes the folder of a path made by {@link tempDatabasePath}, with the WAL files. */
export function removeTempDatabase(path: string): void {
  rmSync(dirname(path), { recursive: true, force: true });
}
