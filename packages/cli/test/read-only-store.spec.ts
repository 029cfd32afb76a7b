import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcceptEntry } from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { writeConfigFile } from './support/config-file';
import { cli, type RunAs } from './support/run-cli';

/**
 * Read-only commands on a read-only data folder. The folder and its files are made read-only
 * with chmod, which stops writes for every user but root, whom the kernel lets write anyway: a
 * test running as root runs the command as `nobody`, so the modes apply to it as they would to
 * an operator. Either way the test also checks that every file in the folder (its names, bytes
 * and modification times) is as it was: the command wrote nothing, not even SQLite's `-wal` and
 * `-shm` files.
 */
describe('read-only commands on a read-only data folder', function () {
  this.timeout(30_000);
  let folder: string;
  let config: string;
  const database = () => join(folder, 'connector.db');
  /** The command's user: `nobody` when the test runs as root, else the test's own. */
  const runAs: RunAs | undefined =
    process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

  const entry = (id: string, text: string): AcceptEntry => {
    const conversation = { channel: 'tg', id: 'c1' };
    return {
      message: {
        id,
        direction: 'inbound',
        conversation,
        networkMessageIds: [id],
        payload: { text },
        acceptedAt: Date.UTC(2026, 2, 2),
      },
      job: { kind: 'deliverInbound', lane: 'in:tg:c1', messageId: id, payload: { text } },
    };
  };

  /** Every file of the folder: its bytes' digest and modification time. */
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(folder).map((name) => {
        const file = join(folder, name);
        const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
        return [name, `${digest} ${statSync(file).mtimeMs}`];
      }),
    );

  const readOnly = () => {
    for (const name of readdirSync(folder)) chmodSync(join(folder, name), 0o444);
    chmodSync(folder, 0o555);
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-read-only-'));
    config = writeConfigFile(folder, 'http://127.0.0.1:9', 'unused', {
      channels: [
        {
          id: 'tg',
          adapter: 'telegram',
          serviceCode: 'SUPPORT',
          settings: {
            botToken: '123:abc',
            receive: { mode: 'polling' },
            fileLinks: { secret: '0123456789abcdef0123456789abcdef' },
          },
        },
      ],
    });
    const store = createSqliteStore({ path: database() });
    await store.migrate();
    await store.accept([entry('m-1', 'kept in a read-only folder')]);
    await store.close();
  });

  afterEach(() => {
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists messages and dead letters, writing nothing', async () => {
    readOnly();
    const before = snapshot();
    const messages = await cli(['messages', '--config', config], {}, runAs);
    expect(messages.code, messages.stderr).to.equal(0);
    expect(messages.stdout).to.include('m-1').and.include('kept in a read-only folder');
    const letters = await cli(['dead-letters', 'list', '--config', config], {}, runAs);
    expect(letters.code, letters.stderr).to.equal(0);
    expect(letters.stdout).to.include('no dead letters');
    expect(snapshot()).to.deep.equal(before);
  });

  it('refuses a database behind this release’s schema, telling to start the connector once', async () => {
    const db = new Database(database());
    db.exec(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)',
    );
    db.close();
    readOnly();
    const before = snapshot();
    const run = await cli(['messages', '--config', config], {}, runAs);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('behind').and.include('tvox-connector start');
    expect(snapshot()).to.deep.equal(before);
  });
});
