import { expect } from 'chai';
import { RETENTION_BATCH, RetentionSweep, silentLogger } from '@tvox-connector/core';
import { ManualClock, eventually } from '@tvox-connector/testkit';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention sweep', () => {
  it('runs each task in batches, again at once while a batch is full, then once an hour', async () => {
    const start = Date.UTC(2026, 5, 1);
    const clock = new ManualClock(start);
    const calls: string[] = [];
    const events = [RETENTION_BATCH, RETENTION_BATCH, 3];
    const sweep = new RetentionSweep(
      [
        {
          what: 'event sequences',
          days: 7,
          prune: async (before, limit) => {
            calls.push(`events ${(clock.now() - before) / DAY_MS} ${limit}`);
            return events.shift() ?? 0;
          },
        },
        {
          what: 'payloads',
          days: 30,
          prune: async (before) => {
            calls.push(`payloads ${(clock.now() - before) / DAY_MS}`);
            return 0;
          },
        },
      ],
      clock,
      silentLogger,
    );
    await eventually(() => calls.length === 6);
    expect(calls).to.deep.equal(
      [0, 1, 2].flatMap(() => [`events 7 ${RETENTION_BATCH}`, 'payloads 30']),
    );
    clock.advance(59 * 60 * 1000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls, 'batches short of full wait an hour').to.have.length(6);
    clock.advance(60 * 1000);
    await eventually(() => calls.length === 8);
    await sweep.stop();
  });
});
