/**
 * `@tvox-connector/transport-rest`: the REST/JSON transport to the TVox multichannel connector,
 * bound to TVox's WADL by a contract profile.
 */
export { RestTransport } from './rest-transport.js';
export {
  RestTransportConfig,
  createRestTransport,
  restTransportModule,
} from './rest-transport-module.js';
export { bindRoutes, type RestRoute, type RouteBinding } from './wadl/bind-routes.js';
export { inspectWadl, type InspectOptions, type WadlInspection } from './wadl/inspect-wadl.js';
export { readWadl, type Wadl, type WadlMethod } from './wadl/read-wadl.js';
