import type { FastifyInstance } from 'fastify';
import { publishContract } from '../contract-files.js';
import type { Faults } from '../engine/faults.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import type { MccCommands } from '../mcc/mcc-commands.js';
import { runMccOperation } from '../mcc/mcc-runner.js';
import { isMccOperation, MCC_NAMESPACE, MCC_OPERATIONS } from '../mcc/mcc-wire.js';
import { parseSoapEnvelope, SoapClientFault, soapMessage } from '../soap/envelope.js';
import { fromXml } from '../soap/xml-mapping.js';
import { callerFromBasic } from './connector-auth.js';
import {
  setUpSoapEndpoint,
  soapFaultReply as fault,
  soapUnauthenticated,
  XML,
} from './soap-endpoint.js';

/**
 * The mcc-1.0 SOAP endpoint at `/mc/cxf/soap` (WSDL at `?wsdl`, schema at `?xsd=1`), shaped as a
 * CXF JAX-WS service: the operation element must be in the service's namespace; its children are
 * read only when unqualified (others are dropped, not faulted); a missing or unreadable `int` is a
 * `soap:Client` fault; answers are `<ns2:{op}Response><return>…</return>` with null fields left
 * out. The connector is named by HTTP Basic; bad or missing credentials get 401.
 */
export function mccSoapRoutes(
  state: SimulatorState,
  commands: MccCommands,
  faults: Faults,
  bodyLimit: number,
) {
  return async (app: FastifyInstance): Promise<void> => {
    setUpSoapEndpoint(app, faults, bodyLimit, (base) => publishContract(base, 'mcc-1.0'));

    app.post('/', async (request, reply) => {
      let soapRequest;
      try {
        soapRequest = parseSoapEnvelope(typeof request.body === 'string' ? request.body : '', {
          children: 'unqualified',
        });
      } catch (error) {
        if (error instanceof SoapClientFault) return fault(reply, 'Client', error.message);
        throw error;
      }
      const { operation, wrapper, namespace = '' } = soapRequest;
      if (!isMccOperation(operation))
        return fault(reply, 'Client', `unknown operation ${operation}`);
      if (namespace !== MCC_NAMESPACE) {
        // CXF's own words for a body element it cannot dispatch.
        return fault(
          reply,
          'Client',
          `Unexpected wrapper element {${namespace}}${operation} found.   Expected {${MCC_NAMESPACE}}${operation}.`,
        );
      }
      const schemas = MCC_OPERATIONS[operation];
      const outcome = runMccOperation(
        state,
        commands,
        operation,
        fromXml(schemas.input, wrapper),
        callerFromBasic(state, request.headers.authorization),
      );
      switch (outcome.kind) {
        case 'unauthenticated':
          return soapUnauthenticated(reply);
        case 'invalid':
          return fault(reply, 'Client', outcome.message);
        case 'answer':
          return reply.type(XML).send(
            soapMessage(`${operation}Response`, schemas.output, outcome.output, true, {
              namespace: MCC_NAMESPACE,
            }),
          );
      }
    });
  };
}
