import { createPostgresStore, type PostgresStore } from '@tvox-connector/store-postgres';
import { ManualClock } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { DATABASE_URL, freshSchema } from './test-database';

describe('PostgreSQL store leader lease', () => {
  const schema = freshSchema();
  const clock = new ManualClock();
  let stores: PostgresStore[] = [];

  /** An instance's store on the test schema. */
  const instance = async (): Promise<PostgresStore> => {
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name }, { clock });
    stores.push(store);
    await store.migrate();
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  it('gives a free lease to exactly one of several instances asking at once', async () => {
    const all = await Promise.all([instance(), instance(), instance()]);
    const answers = await Promise.all(all.map((store, i) => store.tryLead('poll', `i${i}`, 1_000)));
    expect(answers.filter(Boolean)).to.have.length(1);
  });

  it('renews for its holder, refuses others until it runs out, then lets another take it', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    expect(await a.tryLead('poll', 'a', 1_000)).to.equal(true);
    clock.advance(900);
    expect(await b.tryLead('poll', 'b', 1_000)).to.equal(false);
    expect(await a.tryLead('poll', 'a', 1_000), 'renewed until 1,900').to.equal(true);
    clock.advance(999);
    expect(await b.tryLead('poll', 'b', 1_000)).to.equal(false);
    clock.advance(1);
    expect(await b.tryLead('poll', 'b', 1_000), 'a stopped renewing: b takes over').to.equal(true);
    expect(await a.tryLead('poll', 'a', 1_000)).to.equal(false);
    expect(await a.tryLead('other', 'a', 1_000), 'leases are per name').to.equal(true);
  });

  it('hands the lease over at once when its holder resigns; resigning what one does not hold does nothing', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    expect(await a.tryLead('poll', 'a', 60_000)).to.equal(true);
    await b.resign('poll', 'b');
    expect(await b.tryLead('poll', 'b', 60_000)).to.equal(false);
    await a.resign('poll', 'a');
    expect(await b.tryLead('poll', 'b', 60_000)).to.equal(true);
  });
});
