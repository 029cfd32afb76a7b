import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Clock, ConfigError, Store, coreModule } from '@tvox-connector/core';
import {
  SqliteStore,
  SqliteStoreConfig,
  createSqliteStore,
  sqliteStoreModule,
} from '@tvox-connector/store-sqlite';
import { ManualClock } from '@tvox-connector/testkit';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { Container } from 'inversify';
import { MIGRATIONS } from '../src/database/migrations';
import { inbound } from './entries';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

describe('SQLite store module and factory', () => {
  let base: string;
  let path: string;

  beforeEach(() => {
    base = tempDatabasePath();
    path = join(dirname(base), 'nested', 'folder', 'store.db');
  });

  afterEach(() => {
    removeTempDatabase(base);
  });

  it('binds core’s Store to one SqliteStore built from the config binding and core’s Clock', async () => {
    const clock = new ManualClock();
    const container = new Container();
    container.load(coreModule, sqliteStoreModule);
    container.rebind<Clock>(Clock).toConstantValue(clock);
    container.bind<SqliteStoreConfig>(SqliteStoreConfig).toConstantValue({ path });
    const store = container.get<Store>(Store);
    expect(store).to.be.instanceOf(SqliteStore);
    expect(container.get<Store>(Store)).to.equal(store);
    await store.migrate();
    await store.accept([inbound('m1')]);
    const [job] = await store.claim({ owner: 'w', leaseMs: 10, limit: 1 });
    expect(job?.enqueuedAt).to.equal(clock.now());
    await store.close();
  });

  it('creates the folder of the database file, in write-ahead-log mode', async () => {
    const store = createSqliteStore({ path, synchronous: 'NORMAL' });
    expect(existsSync(dirname(path)), 'nothing is created before migrate()').to.equal(false);
    await store.migrate();
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    db.close();
    expect(versions).to.deep.equal(MIGRATIONS.map((m) => m.version));
  });

  it('accepts :memory: for a throw-away store', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    expect(await store.accept([inbound('m1')])).to.deep.equal(['accepted']);
    await store.close();
  });

  it('refuses an invalid configuration with a ConfigError naming every setting', () => {
    const invalid = {
      path: '',
      synchronous: 'OFF',
      busyTimeoutMs: -1,
    } as unknown as SqliteStoreConfig;
    expect(() => createSqliteStore(invalid))
      .to.throw(ConfigError)
      .with.property('issues')
      .that.satisfies((issues: { path: string }[]) =>
        ['store.path', 'store.synchronous', 'store.busyTimeoutMs'].every((p) =>
          issues.some((i) => i.path === p),
        ),
      );
  });
});
