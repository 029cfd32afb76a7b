import { randomBytes } from 'node:crypto';
import type { AcceptEntry } from '@tvox-connector/core';
import pg from 'pg';

/** The PostgreSQL the tests use: `DATABASE_URL`, or the local server's `test` database. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test run uses; the store creates it on `migrate()`. */
export function tempSchema(): string {
  return `tvox_test_${randomBytes(6).toString('hex')}`;
}

/** Drops `schema` with everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A message and its delivery job in lane `lane`, as the relay accepts them. */
export function entry(id: string, lane = 'L1'): AcceptEntry {
  return {
    message: {
      id,
      direction: 'inbound',
      conversation: { channel: 'webchat', id: lane },
      networkMessageIds: [id],
      payload: { text: id },
      acceptedAt: 1,
    },
    job: { kind: 'deliverInbound', lane, messageId: id, payload: { text: id } },
  };
}

/** Registers hooks giving each test of the suite a fresh schema name, dropped after it. */
export function freshSchema(): { readonly name: string } {
  const current = { name: '' };
  beforeEach(() => {
    current.name = tempSchema();
  });
  afterEach(async () => {
    await dropSchema(current.name);
  });
  return current;
}
