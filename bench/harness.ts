import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TransportCallError, type Transport, type TransportConfig } from '@tvox-connector/core';
import { openSessionRequest } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';

/** What one measured scenario did. */
export interface Measurement {
  readonly name: string;
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** How a scenario is driven. */
export interface RunOptions {
  /** Operations measured (after the warm-up). */
  readonly operations: number;
  /** Operations in flight at once. */
  readonly concurrency: number;
  /** Operations run first and not measured (JIT, connection pools). */
  readonly warmup?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The end-to-end measurement of delivered ledger messages: throughput over `seconds`, latency
 * from each message's acceptance to its delivery (the ledger's `acceptedAt` → `updatedAt`).
 */
export function deliveredMeasurement(
  name: string,
  delivered: readonly { readonly acceptedAt: number; readonly updatedAt: number }[],
  seconds: number,
): Measurement {
  const latencies = delivered.map((m) => m.updatedAt - m.acceptedAt).sort((a, b) => a - b);
  return {
    name,
    ops: delivered.length,
    opsPerSecond: delivered.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Runs `operation(i)` `operations` times with `concurrency` in flight; measures throughput and latency. */
export async function measure(
  name: string,
  operation: (i: number) => Promise<unknown>,
  options: RunOptions,
): Promise<Measurement> {
  let next = 0;
  const drive = async (count: number, latencies?: number[]): Promise<void> => {
    const worker = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await operation(i);
        latencies?.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };
  await drive(options.warmup ?? Math.min(500, options.operations));
  next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await drive(options.operations, latencies);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    ops: options.operations,
    opsPerSecond: options.operations / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/**
 * Runs the scenarios in turn, twice, and keeps the second round: the first warms up both sides
 * (the JIT, connection pools, the server) so that neither scenario pays for it alone.
 */
export async function alternate(
  scenarios: readonly (() => Promise<Measurement>)[],
): Promise<[Measurement, Measurement]> {
  for (const scenario of scenarios) await scenario();
  const results: Measurement[] = [];
  for (const scenario of scenarios) results.push(await scenario());
  const [floor, subject] = results;
  if (!floor || !subject) throw new Error('alternate needs a floor and a scenario');
  return [floor, subject];
}

/** Prints measurements as a table, each with its ratio to `floor` (measured in the same run). */
export function report(title: string, floor: Measurement, rows: readonly Measurement[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'scenario'.padEnd(62)}${'ops/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'ratio'.padStart(8)}`,
  );
  for (const row of [floor, ...rows]) {
    console.log(
      `${row.name.padEnd(62)}${row.opsPerSecond.toFixed(0).padStart(10)}${row.p50Ms.toFixed(2).padStart(10)}` +
        `${row.p99Ms.toFixed(2).padStart(10)}${(row.opsPerSecond / floor.opsPerSecond).toFixed(2).padStart(8)}`,
    );
  }
}

/** A simulator in its own process (so it has its own core), with one service, agent and connector. */
export async function startSimulatorProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'tvox-bench-'));
  const config = join(folder, 'simulator.yaml');
  writeFileSync(
    config,
    [
      'services: [{ code: SUPPORT, offerTimeoutMs: 600000 }]',
      'agents: [{ code: bench, name: Bench Agent }]',
      'connectors: [{ code: BENCH, password: bench-password }]',
    ].join('\n'),
  );
  const bin = require
    .resolve('@tvox-connector/simulator/package.json')
    .replace(/package\.json$/, 'dist/bin.js');
  const child = spawn(process.execPath, [bin, '--config', config, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => {
      reject(new Error(`simulator exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The transport configuration every benchmark uses against the simulator's BENCH connector. */
export function benchTransportConfig(simulatorUrl: string): TransportConfig {
  return {
    connectorCode: 'BENCH',
    tvox: {
      url: simulatorUrl,
      auth: { kind: 'basic', password: 'bench-password' },
      timeoutMs: 30_000,
      connectTimeoutMs: 5_000,
      maxConnections: 32,
    },
    events: { mode: 'poll', intervalMs: 1_000, max: 1_000 },
  };
}

/** A transport to a TVox that is down: a relay on it only accepts and stores. */
export function unreachableTvox(): Transport {
  const down = (command: string) => () =>
    Promise.reject(new TransportCallError(command, 'connection', 'TVox is down (benchmark)'));
  return {
    kind: 'unreachable',
    eventMode: 'poll',
    operations: new Set(),
    mode: 'relay',
    start: down('loadDescription'),
    stop: () => Promise.resolve(),
    openSession: down('openSession'),
    sendMessage: down('sendMessage'),
    closeSession: down('closeSession'),
    getSessionStatus: down('getSessionStatus'),
    pollEvents: down('pollEvents'),
    ackEvents: down('ackEvents'),
    subscribe: down('subscribe'),
  };
}

/** The floor of end-to-end scenarios: the REST transport's own sendMessage, 32 in flight. */
export async function restSendFloor(): Promise<Measurement> {
  const simulator = await startSimulatorProcess();
  const transport = createRestTransport(benchTransportConfig(simulator.url));
  await transport.start();
  const { sessionId } = await transport.openSession(openSessionRequest('floor'));
  let ids = 0;
  const sentAt = new Date().toISOString();
  const floor = await measure(
    'REST transport sendMessage, 32 in flight (floor)',
    () =>
      transport.sendMessage({
        session: { id: sessionId },
        message: { id: `f-${ids++}`, text: 'floor', sentAt },
      }),
    { operations: 5_000, concurrency: 32 },
  );
  await transport.stop();
  await simulator.stop();
  return floor;
}

/**
 * Runs a benchmark script's body with a temporary folder (removed after), and exits non-zero
 * with the error when it fails.
 */
export function runBenchmark(name: string, body: (folder: string) => Promise<void>): void {
  const folder = mkdtempSync(join(tmpdir(), `tvox-${name}-bench-`));
  body(folder)
    .finally(() => {
      rmSync(folder, { recursive: true, force: true });
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
