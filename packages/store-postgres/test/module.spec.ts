import {
  Clock,
  ConfigError,
  Store,
  StoreError,
  coreModule,
  type Logger,
  type StoreConfig,
} from '@tvox-connector/core';
import {
  PostgresStore,
  PostgresStoreConfig,
  createPostgresStore,
  postgresStoreModule,
} from '@tvox-connector/store-postgres';
import { ManualClock, expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { Container } from 'inversify';
import { DATABASE_URL, entry, freshSchema } from './test-database';

/** A logger that keeps every line it is given, serialised. */
function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: (...args: unknown[]) => lines.push(JSON.stringify(args)),
    warn: (...args: unknown[]) => lines.push(JSON.stringify(args, errorFields)),
    error: (...args: unknown[]) => lines.push(JSON.stringify(args, errorFields)),
    fatal: () => undefined,
    child: (bindings) => {
      lines.push(JSON.stringify(bindings));
      return logger;
    },
  };
  return logger;
}

function errorFields(_key: string, value: unknown): unknown {
  return value instanceof Error ? { message: value.message, stack: value.stack } : value;
}

describe('PostgreSQL store module, factory and errors', () => {
  const schema = freshSchema();

  it('binds core’s Store to one PostgresStore built from the config binding and core’s Clock', async () => {
    const clock = new ManualClock();
    const container = new Container();
    container.load(coreModule, postgresStoreModule);
    container.rebind<Clock>(Clock).toConstantValue(clock);
    container
      .bind<PostgresStoreConfig>(PostgresStoreConfig)
      .toConstantValue({ url: DATABASE_URL, schema: schema.name });
    const store = container.get<Store>(Store);
    expect(store).to.be.instanceOf(PostgresStore);
    expect(container.get<Store>(Store)).to.equal(store);
    await store.migrate();
    await store.accept([entry('m1')]);
    expect((await store.getMessage('m1'))?.updatedAt).to.equal(clock.now());
    await store.close();
  });

  it('takes the connector configuration’s store section as it is', async () => {
    const section: Extract<StoreConfig, { kind: 'postgres' }> = {
      kind: 'postgres',
      url: DATABASE_URL,
      schema: schema.name,
      pool: { max: 2, idleTimeoutMs: 1_000 },
      connectionTimeoutMs: 2_000,
    };
    const store = createPostgresStore(section);
    await store.migrate();
    expect(await store.accept([entry('m1')])).to.deep.equal(['accepted']);
    await store.close();
  });

  it('refuses an invalid configuration with every problem at its path', () => {
    expect(() => createPostgresStore({ url: 'mysql://x', schema: 'Bad-Name', pool: { max: 0 } }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/store\.url/)
      .and.matches(/store\.schema/)
      .and.matches(/store\.pool\.max/);
  });

  it('refuses work before migrate() and after close()', async () => {
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    const early = await expectRejection(store.accept([entry('m1')]));
    expect(early).to.be.instanceOf(StoreError).and.include({ retryable: false });
    expect(early.message).to.match(/call migrate\(\) first/);
    await store.migrate();
    await store.close();
    const late = await expectRejection(store.getMessage('m1'));
    expect(late.message).to.match(/the store is closed/);
  });

  it('fails with a retryable StoreError when the server cannot be reached, never showing the password', async () => {
    const lines: string[] = [];
    const store = createPostgresStore(
      { url: 'postgres://tvox:s3cret-pw@127.0.0.1:1/tvox', connectionTimeoutMs: 1_000 },
      { logger: recordingLogger(lines) },
    );
    const error = await expectRejection(store.migrate());
    expect(error).to.be.instanceOf(StoreError).and.include({ retryable: true });
    expect(error.message).to.not.include('s3cret-pw');
    await store.close();
    expect(lines.join('\n'), 'the logged database').to.include('postgres://tvox@127.0.0.1:1/tvox');
    expect(lines.join('\n')).to.not.include('s3cret-pw');
  });

  it('fails with a permanent StoreError, changing nothing, for a payload that is not JSON', async () => {
    const store = createPostgresStore({ url: DATABASE_URL, schema: schema.name });
    await store.migrate();
    const bad = entry('m1');
    const error = await expectRejection(
      store.accept([entry('m0'), { ...bad, job: { ...bad.job, payload: { n: 1n } } }]),
    );
    expect(error).to.be.instanceOf(StoreError).and.include({ retryable: false });
    expect(await store.getMessage('m0'), 'the whole call was rolled back').to.equal(undefined);
    await store.close();
  });
});
