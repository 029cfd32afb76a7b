import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { removeTempDatabase, tempDatabasePath } from './temp-database';

const CHILD = join(__dirname, 'fixtures', 'accept-until-killed.ts');
const ROOT = join(__dirname, '..', '..', '..');

/** Runs the child on `path` until it reported `count` resolved accepts, then kills it with SIGKILL. */
async function acceptUntilKilled(path: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD, path], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.check.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const resolved: string[] = [];
  let buffered = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    resolved.push(...lines.filter((line) => line.startsWith('m-')));
    if (resolved.length >= count) child.kill('SIGKILL');
  });
  const signal = await exited;
  expect(signal, `the child was killed, not ended: ${errors}`).to.equal('SIGKILL');
  return resolved;
}

describe('SQLite store crash safety', function () {
  this.timeout(60_000);
  let path: string;

  beforeEach(() => {
    path = tempDatabasePath();
  });

  afterEach(() => {
    removeTempDatabase(path);
  });

  it('keeps every accept that resolved before a kill -9, and nothing half-written', async () => {
    const resolved = await acceptUntilKilled(path, 3_000);
    expect(resolved.length).to.be.at.least(3_000);

    const check = new Database(path);
    expect(check.pragma('integrity_check', { simple: true })).to.equal('ok');
    const orphans = check
      .prepare(
        `SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.message_id = m.id)
         UNION ALL SELECT count(*) FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = j.message_id)`,
      )
      .pluck()
      .all();
    check.close();
    expect(orphans, 'every message has its job and every job its message').to.deep.equal([0, 0]);

    const store = createSqliteStore({ path });
    await store.migrate();
    const stored = new Set((await store.listMessages({})).map((m) => m.id));
    expect(
      resolved.filter((id) => !stored.has(id)),
      'resolved accepts lost',
    ).to.deep.equal([]);
    const sample = await store.getMessage(resolved.at(-1)!);
    expect(sample?.payload).to.deep.equal({
      text: `message ${resolved.at(-1)}`,
      padding: 'x'.repeat(200),
    });
    await store.close();
  });
});
