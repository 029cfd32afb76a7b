import { ManualClock, expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';

describe('ManualClock', () => {
  it('stands still until advanced', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).to.equal(1_000);
    clock.advance(250);
    expect(clock.now()).to.equal(1_250);
    expect(() => clock.advance(-1)).to.throw(RangeError);
  });

  it('wakes each sleeper once time reaches its end, not before', async () => {
    const clock = new ManualClock();
    const woken: number[] = [];
    const sleeps = [300, 100, 0].map((ms) => clock.sleep(ms).then(() => woken.push(ms)));
    await Promise.resolve();
    expect(woken).to.deep.equal([0]);
    clock.advance(99);
    await Promise.resolve();
    expect(woken).to.deep.equal([0]);
    clock.advance(201);
    await Promise.all(sleeps);
    expect(woken).to.deep.equal([0, 100, 300]);
  });

  it('rejects a sleep with the reason its signal aborts with', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('shutting down'));
    expect((await expectRejection(sleeping)).message).to.equal('shutting down');
    expect((await expectRejection(clock.sleep(1, controller.signal))).message).to.equal(
      'shutting down',
    );
    clock.advance(1_000);
  });
});
