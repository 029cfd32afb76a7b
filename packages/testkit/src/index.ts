/**
 * `@tvox-connector/testkit`: conformance suites that transport, store and adapter authors run on
 * their code, and the small helpers they are built from.
 */
export { transportConformance, type TransportConformanceOptions } from './transport-conformance.js';
export { storeConformance, type StoreConformanceOptions } from './store-conformance.js';
export { ManualClock } from './manual-clock.js';
export { serveEndpoints, type ServeOptions, type ServedEndpoints } from './serve-endpoints.js';
export { eventually, expectRejection } from './wait.js';
