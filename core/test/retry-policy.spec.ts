import {
  NoLicenseError,
  RemoteRejectedError,
  TransportCallError,
  shouldRetry,
} from '@tvox-connector/core';
import { expect } from 'chai';

describe('retry policy', () => {
  const config = { maxAttempts: 25, maxAgeMs: 24 * 60 * 60 * 1000 };
  const outage = new TransportCallError('openSession', 'connection', 'refused');
  const refused = new RemoteRejectedError('openSession', 'GENERIC', 'no', 'rejected');
  const noLicense = new NoLicenseError('openSession', 'NO_LICENSE', 'all licences in use');

  it('retries a retryable failure while the job has attempts and age left', () => {
    expect(shouldRetry(outage, 3, 60_000, config)).to.equal(true);
    expect(shouldRetry(outage, 25, 60_000, config), 'out of attempts').to.equal(false);
    expect(shouldRetry(outage, 3, config.maxAgeMs, config), 'too old').to.equal(false);
    expect(shouldRetry(refused, 1, 0, config), 'TVox said no for good').to.equal(false);
  });

  it('waits out a licence shortage however many attempts it takes, bounded by age only', () => {
    expect(shouldRetry(noLicense, 500, 3 * 60 * 60 * 1000, config)).to.equal(true);
    expect(shouldRetry(noLicense, 500, config.maxAgeMs, config)).to.equal(false);
  });
});
