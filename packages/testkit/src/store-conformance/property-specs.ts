import type { Job, Store } from '@tvox-connector/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { FAILURE, entry } from './fixtures.js';
import { StoreSession, type StoreHarness } from './harness.js';
import { LaneModel } from './lane-model.js';

const LEASE_MS = 1_000;
const LANES = 3;
const WORKERS = 3;

/** Message `n` always belongs to the same lane, so a repeated id is a true duplicate. */
const laneOf = (message: number): string => `lane-${message % LANES}`;

type Outcome = 'complete' | 'retry' | 'postpone' | 'deadLetter' | 'renew';

type Action =
  /** Concurrent accept calls, each on lanes no other call of the action touches. */
  | { readonly type: 'accept'; readonly calls: readonly (readonly number[])[] }
  | { readonly type: 'claim'; readonly worker: number; readonly limit: number }
  | {
      readonly type: 'outcome';
      readonly outcome: Outcome;
      readonly worker: number;
      readonly pick: number;
      readonly delayMs: number;
    }
  | { readonly type: 'advance'; readonly ms: number }
  | { readonly type: 'replay'; readonly pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('accept' as const),
      calls: fc.array(fc.array(fc.nat(11), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('claim' as const),
      worker: fc.nat(WORKERS - 1),
      limit: fc.integer({ min: 1, max: LANES }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('outcome' as const),
      outcome: fc.constantFrom<Outcome>(
        'complete',
        'complete',
        'retry',
        'postpone',
        'deadLetter',
        'renew',
      ),
      worker: fc.nat(WORKERS - 1),
      pick: fc.nat(),
      delayMs: fc.constantFrom(0, 1, 500, 2_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      ms: fc.constantFrom(1, 400, LEASE_MS - 1, LEASE_MS, LEASE_MS + 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: fc.nat() }) },
);

/** Drops the calls of an accept action that share a lane with an earlier call of it. */
function disjointCalls(calls: readonly (readonly number[])[]): number[][] {
  const taken = new Set<string>();
  return calls.flatMap((call) => {
    const lanes = new Set(call.map(laneOf));
    if ([...lanes].some((lane) => taken.has(lane))) return [];
    for (const lane of lanes) taken.add(lane);
    return [[...call]];
  });
}

/** Runs the actions against a store and the model, checking every answer. */
class Run {
  private readonly model = new LaneModel(LEASE_MS);
  private readonly hands: Job[][] = Array.from({ length: WORKERS + 1 }, () => []);

  constructor(
    private readonly store: Store,
    private readonly session: StoreSession,
  ) {}

  async perform(step: Action): Promise<void> {
    switch (step.type) {
      case 'accept':
        return this.accept(disjointCalls(step.calls));
      case 'claim':
        return this.claim(step.worker, step.limit);
      case 'outcome':
        return this.outcome(step);
      case 'advance':
        this.session.clock.advance(step.ms);
        return;
      case 'replay': {
        const jobId = this.model.replay(step.pick);
        expect(await this.store.replayDeadLetter(jobId ?? 'none')).to.equal(jobId !== undefined);
        return;
      }
    }
  }

  /** Lets every lease and back-off run out, then completes everything left, in order. */
  async drain(): Promise<void> {
    this.session.clock.advance(10 * LEASE_MS);
    const drainer = WORKERS;
    for (;;) {
      await this.claim(drainer, LANES);
      const hand = this.hands[drainer] ?? [];
      if (hand.length === 0) break;
      while (hand.length > 0)
        await this.outcome({
          type: 'outcome',
          outcome: 'complete',
          worker: drainer,
          pick: 0,
          delayMs: 0,
        });
    }
    expect(this.model.pending, 'every job was worked').to.equal(0);
    const completed = [...this.model.completions.keys()];
    expect([...completed, ...this.model.deadMessageIds()].sort(), 'nothing lost').to.deep.equal(
      this.model.acceptedIds(),
    );
    expect(
      [...this.model.completions.values()].every((n) => n === 1),
      'nothing completed twice',
    ).to.equal(true);
    const letters = await this.store.listDeadLetters();
    expect(letters.map((d) => d.job.messageId).sort()).to.deep.equal(this.model.deadMessageIds());
  }

  private async accept(calls: readonly (readonly number[])[]): Promise<void> {
    const outcomes = await Promise.all(
      calls.map((call) => this.store.accept(call.map((n) => entry(`m${n}`, { lane: laneOf(n) })))),
    );
    calls.forEach((call, i) => {
      const expected = call.map((n) =>
        this.model.accept(`m${n}`, laneOf(n)) ? 'accepted' : 'duplicate',
      );
      expect(outcomes[i], `accept outcomes of ${call.join(',')}`).to.deep.equal(expected);
    });
  }

  private async claim(worker: number, limit: number): Promise<void> {
    const owner = `w${worker}`;
    const jobs = await this.store.claim({ owner, leaseMs: LEASE_MS, limit });
    this.model.expectClaim(jobs, owner, limit, this.session.clock.now());
    this.hands[worker]?.push(...jobs);
  }

  private async outcome(step: Extract<Action, { type: 'outcome' }>): Promise<void> {
    const hand = this.hands[step.worker] ?? [];
    const index = step.pick % Math.max(1, hand.length);
    const job = hand[index];
    if (job === undefined) return;
    const now = this.session.clock.now();
    const held = this.model.holds(job);
    if (step.outcome !== 'renew') hand.splice(index, 1);
    switch (step.outcome) {
      case 'complete':
        expect(await this.store.complete(job), 'complete').to.equal(held);
        if (held) this.model.complete(job);
        return;
      case 'retry':
        expect(await this.store.retry(job, now + step.delayMs, FAILURE), 'retry').to.equal(held);
        if (held) this.model.retry(job, now + step.delayMs);
        return;
      case 'postpone':
        expect(await this.store.postpone(job, now + step.delayMs, FAILURE), 'postpone').to.equal(
          held,
        );
        if (held) this.model.retry(job, now + step.delayMs, false);
        return;
      case 'deadLetter':
        expect(await this.store.deadLetter(job, FAILURE), 'deadLetter').to.equal(held);
        if (held) this.model.deadLetter(job);
        return;
      case 'renew':
        expect(await this.store.renew([job], LEASE_MS), 'renew').to.equal(held);
        if (held) this.model.renew(job, now);
        else hand.splice(index, 1);
        return;
    }
  }
}

/**
 * The property: random interleavings of accept (concurrent calls, duplicates), claims by several
 * workers, complete / retry / postpone / dead letter / renew (also by workers whose lease ran
 * out or was taken over), time passing and replays never run two jobs of one lane at once, never reorder a lane,
 * and never lose or duplicate an accepted message.
 */
export function propertySpecs(h: StoreHarness): void {
  describe('property: lanes under random interleavings', function () {
    this.timeout(120_000);

    it('never runs two jobs of a lane at once, never reorders a lane, never loses or repeats a message', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(action, { minLength: 10, maxLength: 60, size: '+1' }),
          async (actions) => {
            const { session, store } = await StoreSession.start(h.options);
            try {
              const run = new Run(store, session);
              for (const step of actions) await run.perform(step);
              await run.drain();
            } finally {
              await session.end();
            }
          },
        ),
        { numRuns: h.options.propertyRuns ?? 50 },
      );
    });
  });
}
