import { createPostgresStore, type PostgresStore } from '@tvox-connector/store-postgres';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import pg from 'pg';
import { DATABASE_URL, entry, freshSchema } from './test-database';

/** Ends the server side of the connections listening on `schema`'s channel; how many it ended. */
async function cutListeners(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ cut: boolean }>(
      'SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE query = $1',
      [`LISTEN tvox_work_${schema}`],
    );
    return rows.filter((row) => row.cut).length;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL store work notifications', () => {
  const schema = freshSchema();
  let stores: PostgresStore[] = [];

  const instance = async (): Promise<PostgresStore> => {
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    stores.push(store);
    await store.migrate();
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  /** Subscribes to `store`'s notifications and waits until its connection listens. */
  async function listen(store: PostgresStore): Promise<{ count: number; stop: () => void }> {
    const calls = { count: 0 };
    const stop = store.onWork(() => {
      calls.count += 1;
    });
    // The first notification proves the listening connection is up.
    const probe = await instance();
    const probeOnce = () => probe.accept([entry(`probe-${Date.now()}-${Math.random()}`, 'probe')]);
    await eventually(async () => {
      await probeOnce();
      return calls.count > 0;
    }, 5_000);
    // Notifications arrive in commit order: once a last probe's is in, no earlier probe's is left
    // to arrive after the count is reset.
    const seen = calls.count;
    await probeOnce();
    await eventually(async () => calls.count > seen, 5_000);
    calls.count = 0;
    return Object.assign(calls, { stop });
  }

  it('wakes every instance when any of them enqueues work, not when nothing was enqueued', async () => {
    const [idle, busy] = await Promise.all([instance(), instance()]);
    const woken = await listen(idle);
    await busy.accept([entry('m1')]);
    await eventually(async () => woken.count === 1, 5_000);
    await busy.accept([entry('m1')]);
    await busy.recordEvents([]);
    const [job] = await busy.claim({ owner: 'w', leaseMs: 1_000, limit: 1 });
    if (job === undefined) throw new Error('m1 was accepted');
    await busy.deadLetter(job, { code: 'TVOX_ERR_UNEXPECTED', message: 'set aside by the test' });
    await busy.replayDeadLetter(job.id);
    // Notifications arrive in commit order: once the marker's is in, every earlier one is too.
    await busy.accept([entry('marker', 'M')]);
    await eventually(async () => woken.count >= 3, 5_000);
    expect(woken.count, 'm1, the replay and the marker; not the duplicate').to.equal(3);
    woken.stop();
    let others = 0;
    idle.onWork(() => {
      others += 1;
    });
    await busy.accept([entry('m2')]);
    await eventually(async () => others === 1, 5_000);
    expect(woken.count, 'no calls after stop').to.equal(3);
  });

  it('listens again after its connection is cut, waking the listeners for what it missed meanwhile', async () => {
    const [idle, busy] = await Promise.all([instance(), instance()]);
    const woken = await listen(idle);
    expect(await cutListeners(schema.name)).to.equal(1);
    await eventually(async () => woken.count === 1, 5_000);
    await busy.accept([entry('after the cut')]);
    await eventually(async () => woken.count === 2, 5_000);
  });
});
