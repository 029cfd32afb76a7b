import { StoreError } from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { expectRejection } from '@tvox-connector/testkit';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { toStoreError } from '../src/database/sqlite-errors';
import { inbound } from './entries';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

describe('SQLite store errors', () => {
  let path: string;

  beforeEach(() => {
    path = tempDatabasePath();
  });

  afterEach(() => {
    removeTempDatabase(path);
  });

  it('maps SQLite result codes to StoreError, retryable only for busy, locked, I/O and full', () => {
    const retryable = (code: string) =>
      toStoreError('op', new Database.SqliteError('failed', code)).retryable;
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_LOCKED',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_FULL',
    ]) {
      expect(retryable(code), code).to.equal(true);
    }
    for (const code of [
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_CONSTRAINT_CHECK',
      'SQLITE_ERROR',
      'SQLITE_MISMATCH',
      'SQLITE_CORRUPT',
      'SQLITE_READONLY',
      'SQLITE_IOERRX',
    ]) {
      expect(retryable(code), code).to.equal(false);
    }
    const error = toStoreError('claim', new TypeError('Do not know how to serialize a BigInt'));
    expect(error).to.include({ code: 'TVOX_ERR_STORE', operation: 'claim', retryable: false });
    expect(error.message).to.contain('serialize a BigInt');
  });

  it('fails retryably while another process holds the write lock', async () => {
    const store = createSqliteStore({ path, busyTimeoutMs: 0 });
    await store.migrate();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await expectRejection(store.setCursor('c', '1'));
    other.exec('ROLLBACK');
    other.close();
    expect(error)
      .to.be.instanceOf(StoreError)
      .and.to.include({ operation: 'setCursor', retryable: true });
    expect(error.message).to.contain('SQLITE_BUSY');
    await store.setCursor('c', '1');
    await store.close();
  });

  it('refuses work before migrate() and after close(), not retryably', async () => {
    const store = createSqliteStore({ path });
    const early = await expectRejection(store.claim({ owner: 'w', leaseMs: 1, limit: 1 }));
    expect(early).to.be.instanceOf(StoreError).and.to.include({ retryable: false });
    expect(early.message).to.contain('call migrate() first');
    await store.migrate();
    await store.close();
    await store.close();
    for (const late of [store.accept([inbound('m1')]), store.getMessage('m1'), store.migrate()]) {
      const error = await expectRejection(late);
      expect(error).to.be.instanceOf(StoreError).and.to.include({ retryable: false });
      expect(error.message).to.contain('the store is closed');
    }
  });

  it('refuses a database migrated by a newer release, and a file that is no database', async () => {
    const store = createSqliteStore({ path });
    await store.migrate();
    await store.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run(
      'future',
    );
    db.close();
    const newer = await expectRejection(createSqliteStore({ path }).migrate());
    expect(newer).to.be.instanceOf(StoreError).and.to.include({ retryable: false });
    expect(newer.message).to.contain('schema version 99');

    const junk = `${path}.junk`;
    writeFileSync(junk, 'this is not a database, it is only text '.repeat(100));
    const notADatabase = await expectRejection(createSqliteStore({ path: junk }).migrate());
    expect(notADatabase).to.be.instanceOf(StoreError).and.to.include({ retryable: false });
    expect(notADatabase.message).to.contain('SQLITE_NOTADB');
  });
});
