import { expect } from 'chai';
import fc from 'fast-check';
import { ManualClock } from '@tvox-connector/testkit';
import { TokenBuckets } from '../src/limits/token-buckets';

describe('web chat token buckets', () => {
  const rate = { capacity: 5, refillPerMs: 1 / 1000 };

  it('never grants more than the burst plus the refill since the start (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ wait: fc.nat({ max: 3000 }), amount: fc.integer({ min: 1, max: 5 }) }),
        ),
        (calls) => {
          const clock = new ManualClock(0);
          const buckets = new TokenBuckets(rate, clock);
          let granted = 0;
          for (const { wait, amount } of calls) {
            clock.advance(wait);
            const refused = buckets.take('v', amount);
            if (refused === undefined) granted += amount;
            else expect(refused).to.be.greaterThan(0);
            expect(granted).to.be.at.most(rate.capacity + clock.now() * rate.refillPerMs + 1e-9);
          }
        },
      ),
    );
  });

  it('never refuses a sender that keeps to the rate, and says when a refused one may go (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1000, max: 5000 }), { maxLength: 50 }),
        fc.integer({ min: 1, max: 5 }),
        (waits, burst) => {
          const clock = new ManualClock(0);
          const buckets = new TokenBuckets(rate, clock);
          for (let i = 0; i < burst; i += 1) expect(buckets.take('v')).to.equal(undefined);
          for (const wait of waits) {
            clock.advance(wait);
            expect(buckets.take('v')).to.equal(undefined);
          }
          // Spent: the answer is when one more will be there, and it is then.
          while (buckets.take('v') === undefined);
          const retryAfter = buckets.take('v');
          expect(retryAfter).to.be.a('number');
          clock.advance(retryAfter ?? 0);
          expect(buckets.take('v')).to.equal(undefined);
        },
      ),
    );
  });

  it('keeps buckets apart per key, and gives back what is refunded', () => {
    const clock = new ManualClock(0);
    const buckets = new TokenBuckets(rate, clock);
    expect(buckets.take('a', 5)).to.equal(undefined);
    expect(buckets.take('a')).to.equal(1000);
    expect(buckets.take('b', 5)).to.equal(undefined);
    buckets.refund('a', 2);
    expect(buckets.take('a', 2)).to.equal(undefined);
  });
});
