/**
 * `@tvox-connector/testkit`: conformance suites that transport, store and adapter authors run on
 * their code, and the small helpers they are built from.
 */

// Conformance suites
export { transportConformance, type TransportConformanceOptions } from './transport-conformance.js';
export { storeConformance, type StoreConformanceOptions } from './store-conformance.js';
export {
  SESSIONS_BEFORE_KEYS_SQL,
  expectSessionsUpgraded,
} from './store-conformance/sessions-upgrade.js';
export {
  adapterConformance,
  ALL_FAULT_KINDS,
  RecordingLedger,
  RecordingSink,
  type AdapterConformanceOptions,
  type AdapterContext,
  type AdapterFixtures,
  type ConformanceNetwork,
  type Delivered,
  type FaultKind,
} from './adapter-conformance.js';

// Fake networks and servers
export {
  FakeNetwork,
  startFakeNetwork,
  type FakeAnswer,
  type FakeCall,
  type FakeNetworkOptions,
  type FakeReply,
  type FakeRoute,
  type NetworkFault,
  type QueuedFault,
} from './fake-network.js';
export {
  endpointRoute,
  serveEndpoints,
  serveRoutes,
  type ServeOptions,
  type ServedEndpoints,
  type ServedRoute,
} from './serve-endpoints.js';
export { serveAdapter, type ServeAdapterOptions, type ServedAdapter } from './serve-adapter.js';

// TLS and proxies between the connector and TVox
export { listenOnLoopback, passOn, type Listening } from './loopback-server.js';
export {
  createTestPki,
  TEST_KEY_PASSPHRASE,
  type CertificateAndKey,
  type PemFile,
  type TestPki,
} from './test-pki.js';
export {
  startForwardProxy,
  type ForwardProxy,
  type ForwardProxyOptions,
  type ProxiedRequest,
} from './forward-proxy.js';
export {
  serveOverTls,
  type FrontRequest,
  type TlsFront,
  type TlsFrontOptions,
} from './tls-front.js';

// Time and waiting
export { ManualClock } from './manual-clock.js';
export { eventually, expectRejection } from './wait.js';
export { RecordingLogger, type LogLevel, type LoggedLine } from './recording-logger.js';
export { freePort } from './free-port.js';
export { openSessionRequest } from './open-session-request.js';
