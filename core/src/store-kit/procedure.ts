/** A table method's result: the value itself (SQLite's driver) or its promise (PostgreSQL's). */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * A store operation written once for both SQL stores: a generator that yields each table call it
 * makes, through {@link step}, and gets the call's result back. {@link runNow} runs it at once,
 * inside a synchronous transaction (better-sqlite3 allows no `await` in one); {@link runToEnd}
 * awaits each call, on a connection in an asynchronous transaction. Either way the calls are made
 * one after the other, in the order the procedure makes them.
 *
 * It receives `never`: every result comes back typed by {@link step}, never through a bare
 * `yield`.
 */
export type Procedure<R> = Generator<unknown, R, never>;

/** One table call of a {@link Procedure}: `const stored = yield* step(tables.x.y(...))`. */
export function* step<T>(call: Awaitable<T>): Generator<Awaitable<T>, T, T> {
  return yield call;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs `procedure` to its end without waiting: for tables whose every call returns its value.
 * Throws if one returns a promise, which a synchronous transaction could not wait for.
 */
export function runNow<R>(procedure: Procedure<R>): R {
  // Each result goes back to the `step` that yielded its call, typed there.
  let next = procedure.next(undefined as never);
  while (!next.done) {
    if (isPromiseLike(next.value)) {
      throw new Error('a table call returned a promise inside a synchronous transaction');
    }
    next = procedure.next(next.value as never);
  }
  return next.value;
}

/** Runs `procedure` to its end, awaiting each table call before the next. */
export async function runToEnd<R>(procedure: Procedure<R>): Promise<R> {
  // Each result goes back to the `step` that yielded its call, typed there.
  let next = procedure.next(undefined as never);
  while (!next.done) next = procedure.next((await next.value) as never);
  return next.value;
}
