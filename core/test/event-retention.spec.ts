import { expect } from 'chai';
import { EventRetention, silentLogger } from '@tvox-connector/core';
import { ManualClock, eventually } from '@tvox-connector/testkit';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('recorded event retention', () => {
  it('deletes expired sequences in batches, one after the other, then once an hour', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const calls: { before: number; limit: number }[] = [];
    const answers = [1000, 1000, 3];
    const retention = new EventRetention(
      {
        pruneRecordedEvents: async (before, limit) => {
          calls.push({ before, limit });
          return answers.shift() ?? 0;
        },
      },
      7,
      clock,
      silentLogger,
    );
    await eventually(() => calls.length === 3);
    expect(calls).to.deep.equal(
      [0, 1, 2].map(() => ({ before: Date.UTC(2026, 5, 1) - 7 * DAY_MS, limit: 1000 })),
    );
    clock.advance(59 * 60 * 1000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls, 'a batch short of full waits an hour').to.have.length(3);
    clock.advance(60 * 1000);
    await eventually(() => calls.length === 4);
    expect(calls[3]?.before).to.equal(clock.now() - 7 * DAY_MS);
    await retention.stop();
  });
});
