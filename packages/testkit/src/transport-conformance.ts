import { commandSpecs } from './transport-conformance/command-specs.js';
import { failureSpecs } from './transport-conformance/failure-specs.js';
import {
  TransportHarness,
  type TransportConformanceOptions,
} from './transport-conformance/harness.js';
import { pollSpecs } from './transport-conformance/poll-specs.js';
import { pushSpecs } from './transport-conformance/push-specs.js';

export type { TransportConformanceOptions } from './transport-conformance/harness.js';

/**
 * The mocha suite every transport passes against the simulator: the six commands, idempotent
 * retries, FAILED mapping, events by poll and push, dedupe of re-delivered events, ordering by
 * sequence, callback authentication, bad callback bodies, time-outs, and recovery after an outage.
 * Call it at the top level of a spec file.
 */
export function transportConformance(options: TransportConformanceOptions): void {
  describe(`${options.name} transport conformance`, function () {
    this.timeout(20_000);
    const harness = new TransportHarness(options);
    harness.install();
    commandSpecs(harness);
    failureSpecs(harness);
    pollSpecs(harness);
    pushSpecs(harness);
  });
}
