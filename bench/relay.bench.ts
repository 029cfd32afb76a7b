import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import {
  NoticesConfig,
  Relay,
  RelayConfig,
  noopMetrics,
  silentLogger,
  webhookEndpoint,
  type Store,
} from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { FakeChannel } from '../test/support/fake-channel';
import {
  alternate,
  benchTransportConfig,
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
 * The relay on the SQLite store. Durable accept (webhook in → 2xx, TVox unreachable so only
 * accepting runs) against raw SQLite inserts of the same rows; end-to-end delivery to the
 * simulator against the REST transport's own sendMessage, with 100 and 100,000 open sessions.
 */

const channels = [
  { id: 'fake', adapter: 'fake', serviceCode: 'SUPPORT', entryPoints: {}, settings: {} },
];
const relayConfig = RelayConfig.parse({
  initialDelayMs: 50,
  maxDelayMs: 1_000,
  workers: 32,
  leaseMs: 30_000,
});
const notices = NoticesConfig.parse({ templates: { en: { queued: '' } } });
const rss = (): string => `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`;

function update(id: string, chat: string): Buffer {
  return Buffer.from(JSON.stringify({ id, chat, from: chat, text: `benchmark message ${id}` }));
}

async function acceptBenchmark(folder: string): Promise<void> {
  const raw = new Database(join(folder, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(
    'CREATE TABLE messages (id TEXT PRIMARY KEY, payload TEXT); CREATE TABLE jobs (id INTEGER PRIMARY KEY, lane TEXT, payload TEXT)',
  );
  const insert = raw.transaction((id: string, payload: string) => {
    raw.prepare('INSERT INTO messages VALUES (?, ?)').run(id, payload);
    raw.prepare('INSERT INTO jobs (lane, payload) VALUES (?, ?)').run(`in:fake:${id}`, payload);
  });
  let rawIds = 0;
  const rawInsert = async (): Promise<void> => {
    const id = `raw-${rawIds++}`;
    insert(id, update(id, 'c').toString());
  };

  const channel = new FakeChannel('fake');
  const store = createSqliteStore({ path: join(folder, 'accept.db') });
  const relay = new Relay(
    { channels, relay: relayConfig, notices },
    { store, transport: unreachableTvox(), adapters: [channel] },
  );
  await relay.start();
  const endpoint = webhookEndpoint(channel, relay, '/webhook', silentLogger, noopMetrics);
  let ids = 0;
  const webhook = async (): Promise<void> => {
    const id = `w-${ids++}`;
    const answer = await endpoint.handle({
      method: 'POST',
      path: '/webhook',
      query: {},
      headers: { 'x-fake-token': 'fake-token' },
      rawBody: update(id, `chat-${ids % 500}`),
    });
    if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
  };
  for (const concurrency of [1, 32]) {
    const operations = concurrency === 1 ? 2_000 : 8_000;
    const [floor, accept] = await alternate([
      () =>
        measure('raw SQLite insert, one commit each (floor)', rawInsert, {
          operations,
          concurrency: 1,
        }),
      () =>
        measure(`durable accept via webhook, ${concurrency} in flight`, webhook, {
          operations,
          concurrency,
        }),
    ]);
    report(`Durable accept (synchronous FULL), ${concurrency} in flight`, floor, [accept]);
  }
  await relay.stop();
  raw.close();
}

/** Waits until the outbox is empty: deliveries, and the events they caused, all done. */
async function drained(store: Store): Promise<void> {
  for (;;) {
    const stats = await store.outboxStats();
    if (stats.every((s) => s.depth === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function endToEnd(
  folder: string,
  sessions: number,
  transportFloor: Measurement,
): Promise<void> {
  const simulator = await startSimulatorProcess();
  const channel = new FakeChannel('fake');
  const store = createSqliteStore({ path: join(folder, `e2e-${sessions}.db`) });
  const relay = new Relay(
    { channels, relay: relayConfig, notices, idleMs: 5 },
    {
      store,
      transport: createRestTransport(benchTransportConfig(simulator.url)),
      adapters: [channel],
    },
  );
  await relay.start();
  const prefillStarted = performance.now();
  for (let i = 0; i < sessions; i += 500) {
    const batch = Array.from({ length: Math.min(500, sessions - i) }, (_, k) =>
      channel.message({ id: `open-${i + k}`, chat: `chat-${i + k}`, from: 'u', text: 'hello' }),
    );
    await relay.accept(batch);
  }
  await drained(store);
  const prefillSeconds = (performance.now() - prefillStarted) / 1000;

  const messages = 3_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async (_, worker) => {
      for (let i = worker; i < messages; i += 32) {
        const chat = `chat-${Math.floor(Math.random() * sessions)}`;
        await relay.accept([
          channel.message({ id: `m-${i}`, chat, from: 'u', text: `message ${i}` }),
        ]);
      }
    }),
  );
  await drained(store);
  const seconds = (performance.now() - started) / 1000;
  const ledger = (
    await store.listMessages({ direction: 'inbound', state: 'sent', limit: messages })
  ).filter((m) => m.networkMessageIds[0]?.startsWith('m-'));
  report(
    `End to end to the simulator, ${sessions} open sessions (prefilled in ${prefillSeconds.toFixed(1)} s), RSS ${rss()}`,
    transportFloor,
    [
      deliveredMeasurement(
        `relay accept → sent to TVox, ${ledger.length} messages`,
        ledger,
        seconds,
      ),
    ],
  );
  await relay.stop();
  await simulator.stop();
}

runBenchmark('relay', async (folder) => {
  await acceptBenchmark(folder);
  const floor = await restSendFloor();
  const sizes = (process.env.RELAY_BENCH_SESSIONS ?? '100,100000').split(',').map(Number);
  for (const sessions of sizes) await endToEnd(folder, sessions, floor);
});
