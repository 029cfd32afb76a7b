import type pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import { lockOrder } from './advisory-keys.js';
import { withClient } from './checked-out-client.js';
import { isConnectionLoss, isTransactionConflict } from './postgres-errors.js';
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
 * times). So does one whose connection was lost before its COMMIT was sent, once, on another
 * connection: the server rolled it back, and after a failover or a restart already over the
 * next connection works. Lost during the COMMIT, its outcome is unknown, and the failure is
 * thrown. Any other failure is thrown as it is. A connection that failed is never used again
 * (see {@link withClient}).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  keys: readonly string[],
  body: (tx: Transaction) => Promise<T>,
  wake: () => void = () => undefined,
): Promise<T> {
  let reconnected = false;
  for (let attempt = 1; ; attempt++) {
    const progress = { commitSent: false };
    try {
      return await withClient(pool, (client, lost) =>
        transactionOn(client, keys, body, wake, () => {
          // pg refuses a COMMIT on a connection already lost without sending it.
          progress.commitSent = !lost();
        }),
      );
    } catch (error) {
      if (isTransactionConflict(error) && attempt < CONFLICT_ATTEMPTS) continue;
      if (reconnected || progress.commitSent || !isConnectionLoss(error)) throw error;
      reconnected = true;
    }
  }
}

/** One attempt of {@link inTransaction} on `client`; `committing` is called before COMMIT. */
async function transactionOn<T>(
  client: pg.PoolClient,
  keys: readonly string[],
  body: (tx: Transaction) => Promise<T>,
  wake: () => void,
  committing: () => void,
): Promise<T> {
  try {
    // BEGIN and the locks in one round trip.
    await client.query(['BEGIN', lockStatement(keys)].filter(Boolean).join('; '));
    const tx = new Transaction(client, keys);
    const value = await body(tx);
    committing();
    await client.query('COMMIT');
    if (tx.woken) wake();
    return value;
  } catch (error) {
    // A ROLLBACK fails only when the connection is gone, and then the server ended the
    // transaction: withClient saw the connection fail and discards the client.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
