import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { SESSIONS_BEFORE_KEYS_SQL, expectSessionsUpgraded } from '@tvox-connector/testkit';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { MIGRATIONS } from '../src/database/migrations';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

describe('SQLite store migrations', () => {
  let path: string;

  beforeEach(() => {
    path = tempDatabasePath();
  });

  afterEach(() => {
    removeTempDatabase(path);
  });

  /** A database left by the first release: schema version 1 with work still in its outbox. */
  function firstReleaseDatabase(): void {
    const [first] = MIGRATIONS;
    if (first === undefined) throw new Error('there is always a first migration');
    const db = new Database(path);
    db.exec(first.sql);
    db.exec(`
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
        applied_at INTEGER NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'first', 0);
      INSERT INTO messages VALUES ('m1', 'inbound', 'web', 'c1', NULL, '["m1"]', 'accepted',
        NULL, NULL, '{}', 10, 10);
      INSERT INTO messages VALUES ('m2', 'inbound', 'web', 'c1', NULL, '["m2"]', 'accepted',
        NULL, NULL, '{}', 11, 11);
      INSERT INTO jobs (kind, lane, message_id, payload, enqueued_at, is_head)
        VALUES ('deliverInbound', 'in:web:c1', 'm1', '{"n":1}', 10, 1),
               ('deliverInbound', 'in:web:c1', 'm2', '{"n":2}', 11, 0);
    `);
    db.close();
  }

  it('upgrades a database of the first release, keeping its outbox in order', async () => {
    firstReleaseDatabase();
    const store = createSqliteStore({ path });
    await store.migrate();
    const worked: unknown[] = [];
    for (let jobs = await store.claim({ owner: 'w', leaseMs: 1_000, limit: 5 }); jobs[0];) {
      expect(jobs[0]).to.not.have.property('order');
      worked.push(jobs[0].payload);
      await store.complete(jobs[0]);
      jobs = await store.claim({ owner: 'w', leaseMs: 1_000, limit: 5 });
    }
    await store.close();
    expect(worked).to.deep.equal([{ n: 1 }, { n: 2 }]);
  });

  it('upgrades a database of the second release, keying its sessions without losing one', async () => {
    const db = new Database(path);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
      applied_at INTEGER NOT NULL)`);
    for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(
        migration.version,
        migration.name,
      );
    }
    db.exec(SESSIONS_BEFORE_KEYS_SQL);
    db.close();
    const store = createSqliteStore({ path });
    await store.migrate();
    try {
      await expectSessionsUpgraded(store);
    } finally {
      await store.close();
    }
  });
});
