import type pg from 'pg';

/**
 * Runs `use` on a client checked out of `pool` and gives the client back when it settles.
 *
 * The pool listens for the errors of idle clients only: a checked-out client whose connection
 * fails (the server restarted or terminated it) emits 'error', which would end the process with
 * no listener. pg emits it whether a query was running (that query is also rejected, with the
 * server's `57P01`, then 'Connection terminated unexpectedly' is emitted as the socket closes) or
 * the client sat between two statements (the next one is rejected as "not queryable"). So the
 * client has a listener for as long as it is checked out; once it emitted an error it is given
 * back as broken (`release(error)`), and the pool closes it rather than handing it out again.
 * `use` rejects on its own through the query that failed: the error event only marks the client;
 * `lost()` tells `use` whether it came (a statement sent after it never reaches the server).
 */
export async function withClient<T>(
  pool: pg.Pool,
  use: (client: pg.PoolClient, lost: () => boolean) => Promise<T>,
): Promise<T> {
  let failure: Error | undefined;
  const onError = (error: Error): void => {
    failure ??= error;
  };
  const client = await checkOut(pool, onError);
  try {
    return await use(client, () => failure !== undefined);
  } finally {
    // A broken client keeps the listener: it may still report its socket closing before the pool
    // ends it, and nothing else hears that.
    if (failure === undefined) client.removeListener('error', onError);
    client.release(failure);
  }
}

/**
 * A client of `pool` with `onError` listening, added in the pool's callback. Not through the
 * promise of `pool.connect()`: the pool hands a client over while still reading the socket of
 * the query that freed it, and the server's next message (the `57P01` of a termination, in the
 * same packet) would find no listener before an `await` resumed.
 */
function checkOut(pool: pg.Pool, onError: (error: Error) => void): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (client === undefined) {
        reject(error ?? new Error('the pool gave no connection'));
        return;
      }
      client.on('error', onError);
      resolve(client);
    });
  });
}
