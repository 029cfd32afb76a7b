/**
 * `@tvox-connector/testkit`: conformance suites that transport and adapter authors run on their
 * code, against the TVox simulator, and the small helpers they are built from.
 */
export { transportConformance, type TransportConformanceOptions } from './transport-conformance.js';
export { serveEndpoints, type ServeOptions, type ServedEndpoints } from './serve-endpoints.js';
export { eventually, expectRejection } from './wait.js';
