import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import {
  Clock,
  Logger,
  Metrics,
  SystemClock,
  coreModule,
  noopMetrics,
  silentLogger,
} from '@tvox-connector/core';

@injectable()
class Stamp {
  constructor(@inject(Clock) private readonly clock: Clock) {}
  at(): number {
    return this.clock.now();
  }
}

describe('dependency injection', () => {
  it('binds the defaults of core, as singletons', () => {
    const container = new Container();
    container.load(coreModule);
    expect(container.get<Clock>(Clock)).to.be.instanceOf(SystemClock);
    expect(container.get<Clock>(Clock)).to.equal(container.get<Clock>(Clock));
    expect(container.get<Logger>(Logger)).to.equal(silentLogger);
    expect(container.get<Metrics>(Metrics)).to.equal(noopMetrics);
  });

  it('lets an application replace a default', () => {
    const container = new Container();
    container.load(coreModule);
    const fixed: Clock = { now: () => 42, sleep: () => Promise.resolve() };
    container.rebind<Clock>(Clock).toConstantValue(fixed);
    container.bind(Stamp).toSelf();
    expect(container.get(Stamp).at()).to.equal(42);
  });

  it('works without a container too: explicit @inject keeps `new` usable', () => {
    expect(new Stamp({ now: () => 7, sleep: () => Promise.resolve() }).at()).to.equal(7);
  });

  it('sleeps, and stops sleeping when aborted', async () => {
    const clock = new SystemClock();
    const before = clock.now();
    await clock.sleep(5);
    expect(clock.now()).to.be.at.least(before + 4);
    const controller = new AbortController();
    const pending = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('shutting down'));
    try {
      await pending;
      expect.fail('should reject');
    } catch (error) {
      expect((error as Error).message).to.equal('shutting down');
    }
  });

  it('has a silent logger whose children are silent too', () => {
    expect(silentLogger.child({ sessionId: 's' })).to.equal(silentLogger);
    expect(() => {
      silentLogger.error({ err: new Error('x') }, 'ignored');
    }).not.to.throw();
  });
});
