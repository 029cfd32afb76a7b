import { StoreError, silentLogger, type Job } from '@tvox-connector/core';
import { ManualClock, expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { HeldLease, LeaseLostError } from '../src/relay/held-lease';

const LEASE_MS = 3_000;

describe('held lease', () => {
  let clock: ManualClock;
  let renewals: Job[][];
  let answer: () => Promise<boolean>;
  let lease: HeldLease;

  beforeEach(() => {
    clock = new ManualClock();
    renewals = [];
    answer = () => Promise.resolve(true);
    const job: Job = {
      id: '7',
      kind: 'deliverOutbound',
      lane: 'out:telegram:c1',
      payload: {},
      attempts: 0,
      enqueuedAt: clock.now(),
      leaseOwner: 'w1',
      leaseUntil: clock.now() + LEASE_MS,
      claimNumber: 1,
      interrupted: false,
    };
    const store = {
      renew: (jobs: readonly Job[]) => {
        renewals.push([...jobs]);
        return answer();
      },
    };
    lease = new HeldLease(job, LEASE_MS, store, clock, silentLogger);
  });

  afterEach(() => {
    lease.release();
  });

  it('trusts a lease with time left, without asking the store', async () => {
    await lease.confirm();
    clock.advance(LEASE_MS - 600);
    await lease.confirm();
    expect(renewals).to.have.length(0);
  });

  it('renews a lease close to its end before a call, and trusts the renewal', async () => {
    clock.advance(LEASE_MS);
    await lease.confirm();
    expect(renewals).to.have.length(1);
    clock.advance(LEASE_MS - 600);
    await lease.confirm();
    expect(renewals).to.have.length(1);
  });

  it('refuses every call once another worker took the job over', async () => {
    clock.advance(LEASE_MS);
    answer = () => Promise.resolve(false);
    expect(await expectRejection(lease.confirm())).to.be.instanceOf(LeaseLostError);
    answer = () => Promise.resolve(true);
    expect(await expectRejection(lease.confirm())).to.be.instanceOf(LeaseLostError);
    expect(renewals, 'lost for good: not asked again').to.have.length(1);
  });

  it('makes no call while the store cannot say', async () => {
    clock.advance(LEASE_MS);
    answer = () => Promise.reject(new StoreError('renew', 'connection terminated'));
    expect(await expectRejection(lease.confirm())).to.be.instanceOf(StoreError);
    answer = () => Promise.resolve(true);
    await lease.confirm();
  });
});
