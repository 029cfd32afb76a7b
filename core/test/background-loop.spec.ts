import {
  BackgroundLoop,
  TransportCallError,
  type BackgroundLoopOptions,
  type Clock,
  type RunOutcome,
} from '@tvox-connector/core';
import { ManualClock, RecordingLogger, eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';

/** A promise and its resolution, for a body that waits on the test. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const BACKOFF = { initialDelayMs: 100, maxDelayMs: 1_000 };
const outage = new TransportCallError('pollEvents', 'connection', 'ECONNREFUSED');

/** A clock that notes each wait and ends it on the next turn, so that loops run on quickly. */
function hastyClock(waits: number[]): Clock {
  return {
    now: () => 0,
    sleep: (ms, signal) => {
      waits.push(ms);
      return new Promise((resolve, reject) => {
        if (signal?.aborted) reject(signal.reason as Error);
        else setImmediate(resolve);
      });
    },
  };
}

/** A body that plays `script`: an error rejects with it, a pause or `done` resolves; then done. */
function scripted(script: readonly (RunOutcome | Error)[]) {
  const runs = { count: 0 };
  const body = async (): Promise<RunOutcome> => {
    if (runs.count === script.length) return 'done';
    const step = script[runs.count++];
    if (step instanceof Error) throw step;
    return step;
  };
  return { runs, body };
}

describe('background loop', () => {
  let log: RecordingLogger;
  let waits: number[];
  let loops: BackgroundLoop[];

  beforeEach(() => {
    log = new RecordingLogger();
    waits = [];
    loops = [];
  });

  afterEach(async () => {
    await Promise.all(loops.map((loop) => loop.stop()));
  });

  /** Starts a loop on a hasty clock (unless told) and the test's logger; jitter at its top. */
  const start = (options: Partial<BackgroundLoopOptions> & Pick<BackgroundLoopOptions, 'body'>) => {
    const loop = BackgroundLoop.start({
      name: 'polling',
      backoff: BACKOFF,
      clock: hastyClock(waits),
      logger: log,
      random: () => 1,
      ...options,
    });
    loops.push(loop);
    return loop;
  };
  const ended = (loop: BackgroundLoop) => eventually(() => loop.state.status === 'stopped');
  /** What was logged above debug, as `level message`. */
  const above = () => log.lines.filter((line) => line.level !== 'debug');
  const logged = () => above().map((line) => `${line.level} ${line.message}`);

  it('runs its body again after the pause each run asks for, until one says it is done', async () => {
    const clock = new ManualClock();
    const pauses: number[] = [];
    const { runs, body } = scripted([50, undefined]);
    const loop = start({
      body,
      clock: {
        now: () => clock.now(),
        sleep: (ms, signal) => {
          pauses.push(ms);
          return clock.sleep(ms, signal);
        },
      },
    });
    await eventually(() => pauses.length === 1);
    clock.advance(49);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.count, 'the pause is not over').to.equal(1);
    clock.advance(1);
    await ended(loop);
    expect(runs.count).to.equal(2);
    expect(pauses, 'no pause after a run that asked for none').to.deep.equal([50]);
    expect(loop.state).to.deep.equal({ status: 'stopped' });
  });

  it('backs off after failures in a row, doubling up to the cap, and starts over after a success', async () => {
    const { body } = scripted([outage, outage, outage, outage, outage, undefined, outage]);
    const loop = start({ body });
    await ended(loop);
    expect(waits).to.deep.equal([100, 200, 400, 800, 1_000, 100]);
  });

  it('tells in its state how many failures it met, the last one, and when it runs again', async () => {
    const clock = new ManualClock();
    const loop = start({ body: scripted([outage, outage]).body, clock });
    await eventually(() => loop.state.status === 'backing-off');
    expect(loop.state).to.deep.equal({
      status: 'backing-off',
      failures: 1,
      error: outage,
      retryAt: clock.now() + 100,
    });
    clock.advance(100);
    await eventually(() => loop.state.status === 'backing-off' && loop.state.failures === 2);
  });

  it('waits at least as long as the error asks (retryAfterMs)', async () => {
    const slowDown = Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: 5_000 });
    await ended(start({ body: scripted([slowDown]).body }));
    expect(waits).to.deep.equal([5_000]);
  });

  it('stops at once while backing off, and runs no more however far time goes', async () => {
    const clock = new ManualClock();
    const { runs, body } = scripted([outage, outage]);
    const loop = start({ body, clock });
    await eventually(() => loop.state.status === 'backing-off');
    await loop.stop();
    clock.advance(60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.count).to.equal(1);
    expect(loop.state).to.deep.equal({ status: 'stopped' });
  });

  it('aborts the body in flight on stop() and resolves only once it returned', async () => {
    const held = deferred();
    let aborted = false;
    const loop = start({
      body: async ({ signal }) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        await held.promise;
        throw new Error('the call was aborted');
      },
    });
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await eventually(() => aborted);
    expect(stopped, 'the body has not returned').to.equal(false);
    held.resolve();
    await stopping;
    expect(loop.state, 'a failure after stop() is the stop').to.deep.equal({ status: 'stopped' });
    expect(logged()).to.deep.equal([]);
  });

  it('logs a failure once, again when it changes, and says when it recovered', async () => {
    const other = new TransportCallError('pollEvents', 'timeout', 'no answer in 2000 ms');
    const { body } = scripted([outage, outage, other, outage, undefined, outage]);
    await ended(start({ body, meanwhile: 'not polling meanwhile' }));
    const failed = 'warn polling failed; retrying with back-off, not polling meanwhile';
    expect(logged()).to.deep.equal([
      failed,
      failed,
      failed,
      'info polling recovered after 4 failures',
      failed,
      'info polling recovered after 1 failure',
    ]);
    expect(above().map((line) => line.fields.err)).to.deep.equal([
      outage,
      other,
      outage,
      undefined,
      outage,
      undefined,
    ]);
    expect(
      log.lines.filter((line) => line.level === 'debug'),
      'the repeat',
    ).to.have.length(1);
  });

  it('lets its rule alert on a failure (an error line) or stop for good on it', async () => {
    const refused = new TransportCallError('pollEvents', 'http-status', 'HTTP 401', 401);
    const revoked = new Error('401 Unauthorized');
    const { runs, body } = scripted([refused, refused, revoked, undefined]);
    const loop = start({
      body,
      onFailure: (error) => (error === revoked ? 'stop' : 'alert'),
    });
    await ended(loop);
    expect(loop.state).to.deep.equal({ status: 'stopped', error: revoked });
    expect(runs.count, 'never run again').to.equal(3);
    expect(waits).to.deep.equal([100, 200]);
    expect(logged()).to.deep.equal([
      'error polling failed; retrying with back-off',
      'error polling failed and stopped for good',
    ]);
  });

  it('waits out a failure met before it started, without logging it again', async () => {
    const { runs, body } = scripted([outage]);
    const loop = start({ body, afterFailure: outage, clock: new ManualClock() });
    expect(loop.state).to.include({ status: 'backing-off', failures: 1 });
    expect(runs.count, 'not before the back-off').to.equal(0);
    await loop.stop();
    const again = start({ body: scripted([outage]).body, afterFailure: outage });
    await ended(again);
    expect(waits).to.deep.equal([100, 200]);
    expect(logged()).to.deep.equal(['info polling recovered after 2 failures']);
  });

  it('starts its back-off over when a long run says it is healthy, though it fails later', async () => {
    const before: number[] = [];
    const loop = start({
      body: async ({ healthy, failures }) => {
        before.push(failures);
        if (before.length === 4) return 'done';
        // The first run fails at once; the later ones connect, then drop.
        if (before.length > 1) healthy();
        throw outage;
      },
    });
    await ended(loop);
    expect(before, 'failures in a row before each run').to.deep.equal([0, 1, 1, 1]);
    expect(waits).to.deep.equal([100, 100, 100]);
  });

  it('waits between 0 and the cap after any failure, from the first delay again after a success (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        async (first, cap, failing, draws) => {
          const backoff = { initialDelayMs: Math.min(first, cap), maxDelayMs: cap };
          const waited: number[] = [];
          const { body } = scripted(failing.map((failed) => (failed ? outage : undefined)));
          const loop = BackgroundLoop.start({
            name: 'property',
            body,
            backoff,
            clock: hastyClock(waited),
            logger: new RecordingLogger(),
            random: () => draws.next().value as number,
          });
          await ended(loop);
          // Each failure waits once; a success not at all (its run asked for no pause).
          expect(waited).to.have.length(failing.filter(Boolean).length);
          let inARow = 0;
          for (const failed of failing) {
            inARow = failed ? inARow + 1 : 0;
            if (!failed) continue;
            const delay = waited.shift() ?? -1;
            expect(delay).to.be.within(0, cap);
            const top = Math.min(cap, backoff.initialDelayMs * 2 ** (inARow - 1));
            expect(delay, `failure ${inARow} in a row`).to.be.within(Math.floor(top / 2), top);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
