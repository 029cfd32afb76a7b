import type pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import { lockOrder } from './advisory-keys.js';
import { isTransactionConflict } from './postgres-errors.js';
import type { Sql } from './pool.js';

/** Times a transaction chosen as a deadlock or serialization victim is run again at once. */
const CONFLICT_ATTEMPTS = 5;

/**
 * One transaction on one pooled connection. `lock` takes advisory transaction locks (held until
 * the end), `wake` asks for the store's work notification once the transaction committed.
 */
export class Transaction implements Sql {
  private wakeRequested = false;
  /** The advisory locks this transaction holds. */
  private readonly locked: Set<string>;

  constructor(
    private readonly client: pg.PoolClient,
    locked: Iterable<string>,
  ) {
    this.locked = new Set(locked);
  }

  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<QueryResult<R>> {
    return this.client.query<R>(text, values as unknown[] | undefined);
  }

  /**
   * Takes the advisory locks `keys` (from `advisoryKey`) it does not hold yet, in ascending order.
   * Every statement after it sees what the previous holders committed.
   */
  async lock(keys: Iterable<string>): Promise<void> {
    const wanted = [...keys].filter((key) => !this.locked.has(key));
    const statement = lockStatement(wanted);
    if (statement === undefined) return;
    await this.client.query(statement);
    for (const key of wanted) this.locked.add(key);
  }

  /** Has the work notification sent once the transaction committed. */
  wake(): void {
    this.wakeRequested = true;
  }

  /** Whether `wake` was called. */
  get woken(): boolean {
    return this.wakeRequested;
  }
}

/**
 * The statement taking the advisory locks `keys` in ascending order (one statement: its target
 * list is evaluated in order), or undefined for none. The keys are decimal integers made by
 * `advisoryKey` and checked here, so they are written into the text: a parameterless statement
 * can share a round trip with BEGIN.
 */
function lockStatement(keys: Iterable<string>): string | undefined {
  const ordered = lockOrder(keys);
  if (ordered.length === 0) return undefined;
  if (!ordered.every((key) => /^-?\d{1,19}$/.test(key))) throw new Error('not an advisory key');
  return `SELECT ${ordered.map((key) => `pg_advisory_xact_lock(${key})`).join(', ')}`;
}

/**
 * Runs `body` in a transaction that first takes the advisory locks `keys`; commits what it did
 * (then calls `wake` if the body asked for it), or rolls everything back when it throws. A
 * transaction chosen as a deadlock or serialization victim runs again from the start (a few
 * times); any other failure is thrown as it is.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  keys: readonly string[],
  body: (tx: Transaction) => Promise<T>,
  wake: () => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // BEGIN and the locks in one round trip.
      await client.query(['BEGIN', lockStatement(keys)].filter(Boolean).join('; '));
      const tx = new Transaction(client, keys);
      const value = await body(tx);
      await client.query('COMMIT');
      if (tx.woken) wake();
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailure) {
        // The connection is gone or unusable: the pool must not hand it out again.
        broken = rollbackFailure as Error;
      }
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(error)) throw error;
    } finally {
      client.release(broken);
    }
  }
}
