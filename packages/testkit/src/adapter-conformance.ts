import { capabilitySpecs } from './adapter-conformance/capability-specs.js';
import { fuzzSpecs } from './adapter-conformance/fuzz-specs.js';
import { AdapterHarness } from './adapter-conformance/harness.js';
import { inboundSpecs } from './adapter-conformance/inbound-specs.js';
import type {
  AdapterConformanceOptions,
  ConformanceNetwork,
} from './adapter-conformance/options.js';
import { outboundSpecs } from './adapter-conformance/outbound-specs.js';

export {
  ALL_FAULT_KINDS,
  type AdapterConformanceOptions,
  type AdapterContext,
  type AdapterFixtures,
  type ConformanceNetwork,
  type Delivered,
  type FaultKind,
} from './adapter-conformance/options.js';
export { RecordingLedger } from './adapter-conformance/recording-ledger.js';
export { RecordingSink } from './adapter-conformance/recording-sink.js';

/**
 * The mocha suite every channel adapter passes, against its network's fake API and mounted as the
 * connector mounts it: signed and forged webhooks (401), malformed (400) and oversized (413)
 * bodies storing nothing, a duplicate delivery stored once, reordered deliveries both kept,
 * unsupported content answered 200; sends that succeed with the network's ids, and that fail as
 * typed `NetworkApiError`s (429 with its retry-after, 5xx, a permanent refusal, no connection),
 * each as far as `faults` says the network can fail (without `unreachable`, a send to an absent
 * customer succeeds and reaches them once back); capabilities valid and honoured (text length,
 * quick replies, files, a message split into parts that each fit one call, typing); and
 * fast-check fuzzing of `verify` and `parse`, which may throw nothing but `SignatureError` and
 * `InvalidInputError`. Call it at the top level of a spec file.
 */
export function adapterConformance<N extends ConformanceNetwork>(
  options: AdapterConformanceOptions<N>,
): void {
  describe(`${options.name} adapter conformance`, function () {
    this.timeout(20_000);
    const harness = new AdapterHarness(options);
    harness.install();
    inboundSpecs(harness);
    outboundSpecs(harness);
    capabilitySpecs(harness);
    fuzzSpecs(harness);
  });
}
