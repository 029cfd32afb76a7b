/**
 * `@tvox-connector/transport-rest`: the REST/JSON transport to the TVox multichannel connector,
 * routed by TVox's WADL and an operation map.
 */
export { RestTransport } from './rest-transport.js';
export {
  RestTransportConfig,
  createRestTransport,
  restTransportModule,
} from './rest-transport-module.js';
export { REFERENCE_BINDINGS, type RestBinding } from './rest-bindings.js';
export { inspectWadl, type InspectOptions, type WadlInspection } from './wadl/inspect-wadl.js';
export { readWadl, type Wadl, type WadlMethod } from './wadl/read-wadl.js';
