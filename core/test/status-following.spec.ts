import { expect } from 'chai';
import fc from 'fast-check';
import {
  StatusSchedule,
  TokenBucket,
  intervalOf,
  type SessionStatus,
  type StatusIntervals,
} from '@tvox-connector/core';

const INTERVALS: StatusIntervals = { waitingIntervalMs: 2_000, assignedIntervalMs: 30_000 };
const STATUSES: readonly SessionStatus[] = ['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED'];

describe('status following: the adaptive schedule', () => {
  it('asks a new session at once, a waiting one often, an assigned one rarely', () => {
    const schedule = new StatusSchedule(INTERVALS);
    schedule.sync(
      [
        { sessionKey: 'q', status: 'QUEUED' },
        { sessionKey: 'a', status: 'ASSIGNED' },
      ],
      0,
    );
    expect(schedule.due(0).sort()).to.deep.equal(['a', 'q']);
    schedule.asked('q', 'QUEUED', 0);
    schedule.asked('a', 'ASSIGNED', 0);
    expect(schedule.due(1_999)).to.deep.equal([]);
    expect(schedule.due(2_000)).to.deep.equal(['q']);
    expect(schedule.due(30_000)).to.deep.equal(['q', 'a']);
  });

  it('forgets a session no longer listed, and asks sooner one that went back to the queue', () => {
    const schedule = new StatusSchedule(INTERVALS);
    schedule.sync([{ sessionKey: 'a', status: 'ASSIGNED' }], 0);
    schedule.asked('a', 'ASSIGNED', 0);
    schedule.sync([{ sessionKey: 'a', status: 'QUEUED' }], 1_000);
    expect(schedule.due(3_000)).to.deep.equal(['a']);
    schedule.sync([], 3_000);
    expect(schedule.due(100_000)).to.deep.equal([]);
    expect(schedule.size).to.equal(0);
  });

  it('never asks a session before its interval, never lets one wait past it, and only listed ones (property)', () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 5_000 }),
      listed: fc.subarray(['s1', 's2', 's3', 's4', 's5']),
      answers: fc.array(fc.constantFrom(...STATUSES), { minLength: 5, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const schedule = new StatusSchedule(INTERVALS);
        /** When each session was last asked and in which status, while listed. */
        const last = new Map<string, { at: number; status: SessionStatus }>();
        let now = 0;
        for (const { advanceMs, listed, answers } of steps) {
          now += advanceMs;
          for (const key of last.keys()) if (!listed.includes(key)) last.delete(key);
          // The store lists what it knows, the status last asked (or QUEUED when new).
          schedule.sync(
            listed.map((key) => ({ sessionKey: key, status: last.get(key)?.status ?? 'QUEUED' })),
            now,
          );
          const due = schedule.due(now);
          for (const key of due) expect(listed).to.include(key);
          for (const key of listed) {
            const previous = last.get(key);
            const isDue = due.includes(key);
            if (previous === undefined) expect(isDue, `${key} is new`).to.equal(true);
            else
              expect(isDue, `${key} asked at ${previous.at}, now ${now}`).to.equal(
                now - previous.at >= intervalOf(previous.status, INTERVALS),
              );
          }
          due.forEach((key, i) => {
            const status = answers[i % answers.length]!;
            schedule.asked(key, status, now);
            last.set(key, { at: now, status });
          });
        }
      }),
    );
  });
});

describe('status following: the ceiling of calls per second', () => {
  it('lets a burst go at once, then spaces the calls at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, () => now, 2);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).to.deep.equal([
      0, 0, 100, 200,
    ]);
    now = 10_000;
    expect(bucket.take()).to.equal(0);
  });

  it('never schedules more calls in a window than the burst and the rate allow, in the order asked (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 3_000 }),
        (rate, burst, gaps, windowMs) => {
          let now = 0;
          const bucket = new TokenBucket(rate, () => now, burst);
          const calls: number[] = [];
          for (const gap of gaps) {
            now += gap;
            calls.push(now + bucket.take());
          }
          for (let i = 1; i < calls.length; i++) expect(calls[i]).to.be.at.least(calls[i - 1]!);
          for (const start of calls) {
            const inWindow = calls.filter((at) => at >= start && at < start + windowMs).length;
            // One more for the rounding of each wait up to a whole millisecond.
            expect(inWindow).to.be.at.most(burst + Math.ceil((rate * windowMs) / 1000) + 1);
          }
        },
      ),
    );
  });
});
