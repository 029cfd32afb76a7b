import {
  NoLicenseError,
  RemoteRejectedError,
  StoreError,
  TransportCallError,
  TvoxCircuit,
  TvoxHealthRecorder,
  isTvoxOutage,
  silentLogger,
  type TvoxBudget,
  type TvoxHealth,
} from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';

const BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 8_000 };
const OPTIONS = { ...BACKOFF, probeTimeoutMs: 30_000 };
const down = new TransportCallError('sendMessage', 'connection', 'ECONNREFUSED');

describe('TVox outages', () => {
  it('tells failures of TVox itself from failures of one call', () => {
    const cases: [unknown, boolean][] = [
      [down, true],
      [new TransportCallError('sendMessage', 'timeout', 'no answer in 10 s'), true],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 503', 503), true],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 502', 502), true],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 504', 504), true],
      // A SOAP fault raised by this request's content comes as HTTP 500: not TVox's failure.
      [new TransportCallError('sendMessage', 'http-status', 'SOAP Server fault', 500), false],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 401', 401), true],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 429', 429), true],
      [new TransportCallError('sendMessage', 'http-status', 'HTTP 400', 400), false],
      [new TransportCallError('sendMessage', 'bad-response', 'not XML'), false],
      [new RemoteRejectedError('sendMessage', 'DOWN', 'maintenance', 'unavailable'), true],
      // May be one channel's or service's: a configuration to fix, not an outage.
      [new RemoteRejectedError('sendMessage', 'AUTH', 'who are you', 'unauthorized'), false],
      [new RemoteRejectedError('sendMessage', 'BAD', 'no such service', 'unknown-service'), false],
      [new NoLicenseError('openSession', 'NO_LICENSE'), false],
      [new StoreError('accept', 'SQLITE_FULL'), false],
      [new Error('a bug'), false],
    ];
    for (const [error, outage] of cases) {
      expect(isTvoxOutage(error), (error as Error).message).to.equal(outage);
    }
  });

  it('records TVox as down from the first outage, and up again at the next answer', () => {
    const clock = new ManualClock();
    const health = new TvoxHealthRecorder(clock);
    const started = clock.now();
    expect(health.current).to.deep.equal({ up: true, since: started });
    clock.advance(10);
    health.record(new RemoteRejectedError('sendMessage', 'BAD', 'no', 'rejected'));
    expect(health.current.up, 'a refusal is an answer').to.equal(true);
    health.record(down);
    clock.advance(10);
    health.record(down);
    expect(health.current).to.deep.include({ up: false, since: started + 10 });
    expect(health.current.detail).to.contain('ECONNREFUSED');
    health.record(undefined);
    expect(health.current).to.deep.equal({ up: true, since: started + 20 });
  });
});

describe('TVox circuit', () => {
  let clock: ManualClock;
  let health: TvoxHealth | undefined;
  let circuit: TvoxCircuit;

  beforeEach(() => {
    clock = new ManualClock();
    health = undefined;
    circuit = new TvoxCircuit(OPTIONS, () => health, clock, silentLogger);
  });

  it('lets all work through while closed', () => {
    expect(circuit.budget()).to.equal('all');
    expect(circuit.isOpen).to.equal(false);
    expect(circuit.state).to.equal(undefined);
  });

  it('opens at an outage, holds work back until a probe is due, and hands out one probe', () => {
    const probeAt = circuit.failed(down, false);
    expect(probeAt - clock.now()).to.be.within(BACKOFF.initialDelayMs / 2, BACKOFF.initialDelayMs);
    expect(circuit.state).to.deep.include({ since: clock.now() });
    expect(circuit.state?.reason).to.contain('ECONNREFUSED');
    expect(circuit.budget()).to.equal('none');
    expect(
      circuit.failed(down, false),
      'others failing meanwhile wait for the same probe',
    ).to.equal(probeAt);
    clock.advance(probeAt - clock.now());
    expect(circuit.budget()).to.equal('probe');
    expect(circuit.budget(), 'one probe at a time').to.equal('none');
    circuit.answered();
    expect(circuit.budget()).to.equal('all');
  });

  it('waits longer after each failed probe, up to the longest back-off', () => {
    let previous = 0;
    circuit.failed(down, false);
    for (let probe = 1; probe <= 6; probe++) {
      clock.advance(BACKOFF.maxDelayMs);
      expect(circuit.budget()).to.equal('probe');
      const wait = circuit.failed(down, true) - clock.now();
      expect(wait).to.be.at.most(BACKOFF.maxDelayMs);
      if (probe <= 3) expect(wait, `after ${probe} failed probes`).to.be.greaterThan(previous / 2);
      previous = wait;
    }
    expect(previous).to.be.at.least(BACKOFF.maxDelayMs / 2);
  });

  it('probes at once when another call to TVox succeeded since it opened', () => {
    circuit.failed(down, false);
    health = { up: true, since: clock.now() - 1 };
    expect(circuit.budget(), 'that answer came before the outage').to.equal('none');
    clock.advance(1);
    health = { up: true, since: clock.now() };
    expect(circuit.budget()).to.equal('probe');
  });

  it('counts a probe out for longer than its time-out as ended, and hands out another', () => {
    circuit.failed(down, false);
    clock.advance(BACKOFF.maxDelayMs);
    expect(circuit.budget()).to.equal('probe');
    clock.advance(OPTIONS.probeTimeoutMs - 1);
    expect(circuit.budget()).to.equal('none');
    clock.advance(1);
    expect(circuit.budget()).to.equal('probe');
  });

  it('closes when a probe is due and nothing waits for TVox any more', () => {
    circuit.failed(down, false);
    clock.advance(BACKOFF.maxDelayMs);
    expect(circuit.budget()).to.equal('probe');
    circuit.nothingToProbe();
    expect(circuit.isOpen).to.equal(false);
    expect(circuit.budget()).to.equal('all');
  });

  it('never has two probes out, whatever happens (property)', () => {
    type Step =
      | { kind: 'budget' }
      | { kind: 'outage' }
      | { kind: 'probeFailed' }
      | { kind: 'answer' }
      | { kind: 'probeEnded' }
      | { kind: 'advance'; ms: number };
    const step = fc.oneof(
      fc.constant<Step>({ kind: 'budget' }),
      fc.constant<Step>({ kind: 'outage' }),
      fc.constant<Step>({ kind: 'probeFailed' }),
      fc.constant<Step>({ kind: 'answer' }),
      fc.constant<Step>({ kind: 'probeEnded' }),
      fc.integer({ min: 0, max: 10_000 }).map((ms): Step => ({ kind: 'advance', ms })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const clock = new ManualClock();
        const circuit = new TvoxCircuit(OPTIONS, () => undefined, clock, silentLogger);
        let probeOut = false;
        for (const s of steps) {
          if (s.kind === 'advance') clock.advance(s.ms);
          if (s.kind === 'budget') {
            const budget: TvoxBudget = circuit.budget();
            if (probeOut) expect(budget).to.equal('none');
            if (budget === 'probe') probeOut = true;
            expect(budget === 'all').to.equal(!circuit.isOpen);
          }
          if (s.kind === 'outage' || s.kind === 'probeFailed') {
            const wasProbe = s.kind === 'probeFailed' && probeOut;
            const notBefore = circuit.failed(down, wasProbe);
            expect(notBefore).to.be.greaterThan(clock.now());
            if (wasProbe) probeOut = false;
          }
          if (s.kind === 'answer') {
            circuit.answered();
            probeOut = false;
          }
          if (s.kind === 'probeEnded' && probeOut) {
            circuit.probeEnded();
            probeOut = false;
          }
        }
      }),
    );
  });
});
