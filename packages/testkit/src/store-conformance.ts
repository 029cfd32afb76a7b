import { acceptSpecs } from './store-conformance/accept-specs.js';
import { deadLetterSpecs } from './store-conformance/dead-letter-specs.js';
import { effectsSpecs } from './store-conformance/effects-specs.js';
import { eventSpecs } from './store-conformance/event-specs.js';
import { StoreHarness, type StoreConformanceOptions } from './store-conformance/harness.js';
import { laneSpecs } from './store-conformance/lane-specs.js';
import { leaseSpecs } from './store-conformance/lease-specs.js';
import { ledgerSpecs } from './store-conformance/ledger-specs.js';
import { outboxStatsSpecs } from './store-conformance/outbox-stats-specs.js';
import { propertySpecs } from './store-conformance/property-specs.js';
import { retentionSpecs } from './store-conformance/retention-specs.js';
import { schemaSpecs } from './store-conformance/schema-specs.js';
import { sessionKeySpecs } from './store-conformance/session-key-specs.js';
import { sessionSpecs } from './store-conformance/session-specs.js';
import { streamRestartSpecs } from './store-conformance/stream-restart-specs.js';
import { unreadableEventSpecs } from './store-conformance/unreadable-event-specs.js';

export type { StoreConformanceOptions } from './store-conformance/harness.js';

/**
 * The mocha suite every `Store` implementation passes: accept with dedupe (also inside job
 * effects), lanes in order with head-of-line blocking, parallel lanes, leases that expire and are
 * taken over, retries, dead letters and replay, atomic job effects, sessions (keyed by the connector, one
 * not CLOSED per conversation), unreadable events set aside, the ledger and
 * receipts, event dedupe (also across a TVox stream restart), the retention of events and payloads, cursors, outbox stats, migrations, durability across a reopen, and a
 * property test of random interleavings. Time is a `ManualClock` the suite moves, handed to
 * `open`. Call it at the top level of a spec file.
 */
export function storeConformance(options: StoreConformanceOptions): void {
  describe(`${options.name} store conformance`, function () {
    this.timeout(20_000);
    const harness = new StoreHarness(options);
    harness.install();
    acceptSpecs(harness);
    laneSpecs(harness);
    leaseSpecs(harness);
    deadLetterSpecs(harness);
    effectsSpecs(harness);
    sessionSpecs(harness);
    sessionKeySpecs(harness);
    ledgerSpecs(harness);
    eventSpecs(harness);
    streamRestartSpecs(harness);
    retentionSpecs(harness);
    unreadableEventSpecs(harness);
    outboxStatsSpecs(harness);
    schemaSpecs(harness);
    propertySpecs(harness);
  });
}
