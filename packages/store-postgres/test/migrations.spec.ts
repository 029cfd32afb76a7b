import { StoreError } from '@tvox-connector/core';
import { createPostgresStore } from '@tvox-connector/store-postgres';
import {
  SESSIONS_BEFORE_KEYS_SQL,
  expectRejection,
  expectSessionsUpgraded,
} from '@tvox-connector/testkit';
import { expect } from 'chai';
import pg from 'pg';
import { MIGRATIONS } from '../src/database/migrations';
import { DATABASE_URL, freshSchema } from './test-database';

describe('PostgreSQL store migrations', () => {
  const schema = freshSchema();

  async function sql<R extends pg.QueryResultRow>(text: string): Promise<R[]> {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('creates the schema and applies each step once when several instances migrate together', async () => {
    const stores = Array.from({ length: 4 }, () =>
      createPostgresStore({ url: DATABASE_URL, schema: schema.name }),
    );
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(stores.map((store) => store.close()));
    const rows = await sql<{ version: number }>(
      `SELECT version FROM ${schema.name}.schema_migrations ORDER BY version`,
    );
    expect(rows.map((row) => row.version)).to.deep.equal(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a schema migrated by a newer release, changing nothing', async () => {
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    await store.migrate();
    await store.close();
    const newer = (MIGRATIONS.at(-1)?.version ?? 0) + 1;
    await sql(
      `INSERT INTO ${schema.name}.schema_migrations VALUES (${newer}, 'from the future', 0)`,
    );
    const again = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    const error = await expectRejection(again.migrate());
    expect(error).to.be.instanceOf(StoreError).and.include({ retryable: false });
    expect(error.message).to.match(/upgrade @tvox-connector\/store-postgres/);
    await again.close();
  });

  it('upgrades a schema of the first release, keying its sessions without losing one', async () => {
    const [first] = MIGRATIONS;
    if (first === undefined) throw new Error('there is always a first migration');
    await sql(`CREATE SCHEMA ${schema.name}; SET search_path TO ${schema.name};
      CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
        applied_at bigint NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'first', 0);
      ${first.sql}
      ${SESSIONS_BEFORE_KEYS_SQL}`);
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    await store.migrate();
    try {
      await expectSessionsUpgraded(store);
    } finally {
      await store.close();
    }
  });
});
