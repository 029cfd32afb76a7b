/**
 * `@tvox-connector/transport-soap`: the SOAP transport to the TVox multichannel connector, driven
 * by TVox's WSDL bound by a contract profile, over node `soap` with core's HTTP layer to TVox.
 */

// The transport
export { SoapTransport } from './soap-transport.js';
export {
  SoapTransportConfig,
  createSoapTransport,
  soapTransportModule,
} from './soap-transport-module.js';

// Inspecting a TVox's WSDL
export {
  inspectWsdl,
  type InspectOptions,
  type InspectedOperation,
  type WsdlInspection,
} from './wsdl/inspect-wsdl.js';
