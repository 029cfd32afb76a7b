import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  NoticesConfig,
  Relay,
  RelayConfig,
  noopMetrics,
  silentLogger,
  webhookEndpoint,
  type Store,
} from '@tvox-connector/core';
import { createPostgresStore } from '@tvox-connector/store-postgres';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import pg from 'pg';
import { request } from 'undici';
import {
  killConnector,
  startConnector,
  type ConnectorProcess,
} from '../test/support/connector-processes';
import { FakeChannel } from '../test/support/fake-channel';
import {
  deliveredMeasurement,
  measure,
  report,
  restSendFloor,
  runBenchmark,
  startSimulatorProcess,
  unreachableTvox,
  type Measurement,
} from './harness';

/**
 * The PostgreSQL store beside the SQLite one, in the same run. Durable accept (webhook in → 2xx,
 * TVox down) in this process, against raw PostgreSQL commits of the same rows. End to end with
 * connector processes behind a round-robin of webhooks: one and three instances on PostgreSQL,
 * one on SQLite, against the REST transport's own sendMessage.
 */

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const channels = [
  { id: 'fake', adapter: 'fake', serviceCode: 'SUPPORT', entryPoints: {}, settings: {} },
];
const IN_FLIGHT = 32;

function update(id: string, chat: string): string {
  return JSON.stringify({ id, chat, from: chat, text: `benchmark message ${id}` });
}

const newSchema = (): string => `tvox_bench_${randomBytes(6).toString('hex')}`;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Raw PostgreSQL: a message row and a job row per transaction, the floor of a durable accept. */
async function rawPostgresFloor(concurrency: number, operations: number): Promise<Measurement> {
  const schema = newSchema();
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: concurrency });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(
    `CREATE TABLE ${schema}.messages (id text PRIMARY KEY, payload text);
     CREATE TABLE ${schema}.jobs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, lane text,
       payload text)`,
  );
  let ids = 0;
  const floor = await measure(
    `raw PostgreSQL insert, one commit each, ${concurrency} in flight (floor)`,
    async () => {
      const id = `raw-${ids++}`;
      const payload = update(id, 'c');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO ${schema}.messages VALUES ($1, $2)`, [id, payload]);
        await client.query(`INSERT INTO ${schema}.jobs (lane, payload) VALUES ($1, $2)`, [
          `in:fake:${id}`,
          payload,
        ]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    { operations, concurrency },
  );
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  return floor;
}

/** Webhooks into a relay on `store` whose TVox is down: only the durable accept runs. */
async function acceptVia(name: string, store: Store, concurrency: number, operations: number) {
  const channel = new FakeChannel('fake');
  const relay = new Relay(
    {
      channels,
      relay: RelayConfig.parse({ workers: 8 }),
      notices: NoticesConfig.parse({}),
    },
    { store, transport: unreachableTvox(), adapters: [channel] },
  );
  await relay.start();
  const endpoint = webhookEndpoint(channel, relay, '/webhook', silentLogger, noopMetrics);
  let ids = 0;
  const result = await measure(
    `${name}: durable accept via webhook, ${concurrency} in flight`,
    async () => {
      const id = `w-${ids++}`;
      const answer = await endpoint.handle({
        method: 'POST',
        path: '/webhook',
        query: {},
        headers: { 'x-fake-token': 'fake-token' },
        rawBody: Buffer.from(update(id, `chat-${ids % 500}`)),
      });
      if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
    },
    { operations, concurrency },
  );
  await relay.stop();
  return result;
}

async function acceptBenchmark(folder: string): Promise<void> {
  for (const concurrency of [1, IN_FLIGHT]) {
    const operations = concurrency === 1 ? 1_500 : 6_000;
    const floor = await rawPostgresFloor(concurrency, operations);
    const schema = newSchema();
    const postgres = await acceptVia(
      'PostgreSQL store',
      createPostgresStore({ url: DATABASE_URL, schema, pool: { max: IN_FLIGHT } }),
      concurrency,
      operations,
    );
    await dropSchema(schema);
    const sqlite = await acceptVia(
      'SQLite store (synchronous FULL)',
      createSqliteStore({ path: join(folder, `accept-${concurrency}.db`) }),
      concurrency,
      operations,
    );
    report(`Durable accept, ${concurrency} in flight`, floor, [postgres, sqlite]);
  }
}

/** The store a set of connector processes share, and how to read its ledger from here. */
interface SharedStore {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  readonly open: () => Store;
  readonly drop: () => Promise<void>;
}

function postgresShared(): SharedStore {
  const schema = newSchema();
  return {
    name: 'PostgreSQL',
    env: { STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema },
    open: () => createPostgresStore({ url: DATABASE_URL, schema }),
    drop: () => dropSchema(schema),
  };
}

function sqliteShared(folder: string): SharedStore {
  const path = join(folder, `e2e-${randomBytes(4).toString('hex')}.db`);
  return {
    name: 'SQLite',
    env: { DATABASE: path },
    open: () => createSqliteStore({ path }),
    drop: async () => undefined,
  };
}

/** Every inbound message of the ledger, once all of `expected` were sent to TVox. */
async function sentLedger(store: Store, expected: number) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const sent = await store.listMessages({ direction: 'inbound', state: 'sent' });
    if (sent.length >= expected) return sent;
    if (Date.now() > deadline) throw new Error(`only ${sent.length} of ${expected} were sent`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `instances` connector processes on `shared`, webhooks spread over them round-robin with 32 in
 * flight over 300 conversations; measures the accept (webhook answered) and, from the ledger,
 * accepted → sent to TVox.
 */
async function endToEnd(shared: SharedStore, instances: number, floor: Measurement): Promise<void> {
  const simulator = await startSimulatorProcess();
  const env = {
    ...shared.env,
    CONNECTOR_CODE: 'BENCH',
    CONNECTOR_PASSWORD: 'bench-password',
    WORKERS: String(Math.ceil(16 / instances)),
    // Each instance's workers and its share of the webhooks in flight.
    POOL_MAX: String(Math.ceil((16 + IN_FLIGHT) / instances)),
  };
  const connectors: ConnectorProcess[] = await Promise.all(
    Array.from({ length: instances }, () => startConnector(simulator.url, env)),
  );
  const operations = 3_000;
  let ids = 0;
  const started = performance.now();
  const accepted = await measure(
    `${instances} × ${shared.name}: webhook answered 2xx, ${IN_FLIGHT} in flight`,
    async () => {
      const id = `m-${ids++}`;
      const connector = connectors[ids % connectors.length];
      if (connector === undefined) throw new Error('no connector');
      const response = await request(`${connector.url}/webhooks/fake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fake-token': 'fake-token' },
        body: update(id, `chat-${ids % 300}`),
      });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`);
    },
    { operations, concurrency: IN_FLIGHT, warmup: 300 },
  );
  const store = shared.open();
  await store.migrate();
  const ledger = await sentLedger(store, ids);
  const seconds = (performance.now() - started) / 1000;
  report(`End to end, ${instances} × ${shared.name}`, floor, [
    accepted,
    deliveredMeasurement(
      `${instances} × ${shared.name}: accepted → sent to TVox, ${ledger.length} messages`,
      ledger,
      seconds,
    ),
  ]);
  await store.close();
  await Promise.all(connectors.map(killConnector));
  await simulator.stop();
  await shared.drop();
}

runBenchmark('postgres', async (folder) => {
  await acceptBenchmark(folder);
  const floor = await restSendFloor();
  await endToEnd(postgresShared(), 1, floor);
  await endToEnd(postgresShared(), 3, floor);
  await endToEnd(sqliteShared(folder), 1, floor);
});
