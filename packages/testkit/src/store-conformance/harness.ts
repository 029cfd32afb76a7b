import type { Clock, Store } from '@tvox-connector/core';
import { ManualClock } from '../manual-clock.js';

/** What a store author passes to `storeConformance`. */
export interface StoreConformanceOptions {
  /** Shown in the suite's title, e.g. `SQLite`. */
  readonly name: string;
  /**
   * Makes a new, empty database and returns what `open` needs to reach it: a file path, a
   * schema name. Called once per test (and once per run of the property test).
   */
  readonly createDatabase: () => Promise<string>;
  /**
   * A store on `database` whose every time comes from `clock`. Not migrated yet: the suite calls
   * `migrate()` and, at the end of each test, `close()`.
   */
  readonly open: (database: string, clock: Clock) => Store | Promise<Store>;
  /** Removes a database made by `createDatabase` once its stores are closed. */
  readonly dropDatabase?: (database: string) => Promise<void>;
  /**
   * Whether `open` on a database after its store was closed finds everything stored before
   * (false for a store in memory). Runs the durability specs.
   */
  readonly durable: boolean;
  /** Runs of the property test; 50 by default. */
  readonly propertyRuns?: number;
}

/** A database opened for one test or one property run, with the clock its stores share. */
export class StoreSession {
  readonly clock = new ManualClock();
  private readonly stores: Store[] = [];

  private constructor(
    private readonly options: StoreConformanceOptions,
    private readonly database: string,
  ) {}

  /** A new database with one migrated store on it. */
  static async start(options: StoreConformanceOptions): Promise<{
    readonly session: StoreSession;
    readonly store: Store;
  }> {
    const session = new StoreSession(options, await options.createDatabase());
    return { session, store: await session.open() };
  }

  /** Another migrated store on the same database (after a close: the same data if durable). */
  async open(): Promise<Store> {
    const store = await this.options.open(this.database, this.clock);
    this.stores.push(store);
    await store.migrate();
    return store;
  }

  /** Closes `store`, once. */
  async close(store: Store): Promise<void> {
    const index = this.stores.indexOf(store);
    if (index < 0) return;
    this.stores.splice(index, 1);
    await store.close();
  }

  /** Closes every store still open, then drops the database. */
  async end(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((store) => store.close()));
    await this.options.dropDatabase?.(this.database);
  }
}

/**
 * The state each spec works on: a fresh database and migrated store before every test, closed
 * and dropped after it. Specs read `store` and `clock` inside their `it` callbacks.
 */
export class StoreHarness {
  private current: { readonly session: StoreSession; store: Store } | undefined;

  constructor(readonly options: StoreConformanceOptions) {}

  get store(): Store {
    return this.state.store;
  }

  get clock(): ManualClock {
    return this.state.session.clock;
  }

  /** Closes the store and opens the database again, as a restarted process would. */
  async reopen(): Promise<Store> {
    await this.state.session.close(this.state.store);
    this.state.store = await this.state.session.open();
    return this.state.store;
  }

  /** A second store on the same database, as another instance would open it. */
  openAnother(): Promise<Store> {
    return this.state.session.open();
  }

  /** Registers the mocha hooks that give every test its own database. */
  install(): void {
    beforeEach(async () => {
      const { session, store } = await StoreSession.start(this.options);
      this.current = { session, store };
    });
    afterEach(async () => {
      await this.current?.session.end();
      this.current = undefined;
    });
  }

  private get state(): { readonly session: StoreSession; store: Store } {
    if (this.current === undefined) throw new Error('the store is used outside a test');
    return this.current;
  }
}
