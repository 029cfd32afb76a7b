import { StoreError } from '@tvox-connector/core';
import { createPostgresStore, type PostgresStore } from '@tvox-connector/store-postgres';
import { eventually, expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import pg from 'pg';
import { DATABASE_URL, entry, freshSchema } from './test-database';

/** Time the storm of terminations lasts, and between two of them. */
const STORM_MS = 2_000;
const BETWEEN_TERMINATIONS_MS = 100;

describe('PostgreSQL store when the server ends its connections (a restart, a failover)', function () {
  this.timeout(15_000);
  const schema = freshSchema();
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  let store: PostgresStore;
  let applicationName: string;
  /** What reached the process as uncaught: an 'error' event nobody listened to, say. */
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown): void => {
    uncaught.push(error);
  };

  before(async () => {
    await admin.connect();
  });

  after(async () => {
    await admin.end();
  });

  beforeEach(async () => {
    uncaught.length = 0;
    process.prependListener('uncaughtException', recordUncaught);
    // A name of this test's own: terminating it leaves other connections alone.
    applicationName = `tvox-connector-${schema.name}`;
    store = createPostgresStore({
      url: `${DATABASE_URL}?application_name=${applicationName}`,
      schema: schema.name,
    });
    await store.migrate();
  });

  afterEach(async () => {
    await store.close();
    process.removeListener('uncaughtException', recordUncaught);
  });

  /** Ends the store's connections that wait for a lock (if `waiting`) or all; how many. */
  async function terminate(waiting = false): Promise<number> {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = $1 AND ($2::boolean IS FALSE OR wait_event_type = 'Lock')`,
      [applicationName, waiting],
    );
    return rowCount ?? 0;
  }

  /** Whether one of the store's connections waits for a lock. */
  async function waitingForLock(): Promise<boolean> {
    const { rowCount } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [applicationName],
    );
    return (rowCount ?? 0) > 0;
  }

  it('answers a retryable StoreError for a transaction whose connection is ended mid-way, and works again', async () => {
    // Another session holds the row the accept inserts: the accept's transaction waits for it.
    const blocker = new pg.Client({ connectionString: DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO ${schema.name}.messages (id, direction, channel, conversation_id,
           network_message_ids, state, accepted_at, updated_at)
         VALUES ('m1', 'inbound', 'webchat', 'L1', '[]', 'accepted', 1, 1)`,
      );
      const accepting = expectRejection(store.accept([entry('m1')]));
      await eventually(waitingForLock);
      expect(await terminate(true)).to.equal(1);
      // Lost before its COMMIT, the transaction did nothing: it runs once more, on a new connection.
      await eventually(waitingForLock);
      expect(await terminate(true)).to.equal(1);
      const error = await accepting;
      expect(error).to.be.instanceOf(StoreError);
      expect(error).to.include({ operation: 'accept', retryable: true });
      expect(error.message).to.contain('57P01');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await store.accept([entry('m1')])).to.deep.equal(['accepted']);
    expect(await store.getMessage('m1')).to.include({ id: 'm1', state: 'accepted' });
    expect(uncaught).to.deep.equal([]);
  });

  it('runs again on a new connection a transaction whose connection was ended before its COMMIT', async () => {
    const blocker = new pg.Client({ connectionString: DATABASE_URL });
    await blocker.connect();
    let accepting: Promise<unknown> | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO ${schema.name}.messages (id, direction, channel, conversation_id,
           network_message_ids, state, accepted_at, updated_at)
         VALUES ('m1', 'inbound', 'webchat', 'L1', '[]', 'accepted', 1, 1)`,
      );
      accepting = store.accept([entry('m1')]);
      await eventually(waitingForLock);
      expect(await terminate(true)).to.equal(1);
      await eventually(waitingForLock);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await accepting).to.deep.equal(['accepted']);
    expect(uncaught).to.deep.equal([]);
  });

  it('survives its connections being ended again and again under load: retryable StoreErrors, then it works', async () => {
    const failures: unknown[] = [];
    let accepted = 0;
    let running = true;
    const loop = async (operation: (n: number) => Promise<unknown>): Promise<void> => {
      for (let n = 0; running; n++) {
        await operation(n).catch((error: unknown) => failures.push(error));
        // Operations refused before any I/O (none here) would otherwise starve the timers.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const load = Promise.all([
      loop(async (n) => {
        await store.accept([entry(`a${n}`, `lane${n % 4}`)]);
        accepted += 1;
      }),
      loop(() => store.claim({ owner: 'w', leaseMs: 60_000, limit: 2 })),
      loop(() => store.outboxStats()),
      loop(() => store.tryLead('poll', 'w', 60_000)),
    ]);
    const terminated: number[] = [];
    for (const end = Date.now() + STORM_MS; Date.now() < end;) {
      terminated.push(await terminate());
      await new Promise((resolve) => setTimeout(resolve, BETWEEN_TERMINATIONS_MS));
    }
    running = false;
    await load;

    expect(uncaught, 'uncaught errors').to.deep.equal([]);
    expect(
      terminated.some((count) => count > 0),
      'connections were ended',
    ).to.equal(true);
    for (const failure of failures) {
      expect(failure).to.be.instanceOf(StoreError);
      expect(failure, String(failure)).to.include({ retryable: true });
    }
    expect(accepted).to.be.greaterThan(0);
    expect(await store.accept([entry('after')])).to.deep.equal(['accepted']);
    expect(await store.outboxStats()).to.not.deep.equal([]);
  });
});
