import { CONTRACT_OPERATIONS } from '@tvox-connector/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConnectorCommands } from '../engine/connector-commands.js';
import type { Faults } from '../engine/faults.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import { publishContract } from '../contract-files.js';
import { parseSoapEnvelope, SoapClientFault, soapFault, soapMessage } from '../soap/envelope.js';
import { fromXml } from '../soap/xml-mapping.js';
import { isCommand, runCommand } from './command-runner.js';
import { callerFromBasic, callerFromToken } from './connector-auth.js';
import { faultGuard } from './fault-guard.js';

const XML = 'text/xml; charset=utf-8';

/** SOAP 1.1 answers every fault with HTTP 500; `soap:Client` says the request was at fault. */
function fault(reply: FastifyReply, code: 'Client' | 'Server', message: string): FastifyReply {
  return reply.code(500).type(XML).send(soapFault(code, message));
}

/**
 * The SOAP endpoint at `/mc/cxf/soap`, with the WSDL at `?wsdl` and its schema at `?xsd=1`.
 * SOAP 1.1 only (`text/xml`): a SOAP 1.2 `application/soap+xml` request gets 415. WS-Addressing
 * headers a client sends are ignored.
 */
export function soapRoutes(
  state: SimulatorState,
  commands: ConnectorCommands,
  faults: Faults,
  bodyLimit: number,
) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', faultGuard(faults));
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      ['text/xml', 'application/xml'],
      { parseAs: 'string', bodyLimit },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413 || status === 415)
        return reply.code(status).type(XML).send(soapFault('Client', error.message));
      return fault(reply, status < 500 ? 'Client' : 'Server', error.message);
    });

    app.get('/', async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const base = `${request.protocol}://${request.headers.host ?? request.hostname}`;
      const contract = publishContract(base);
      if ('wsdl' in query) return reply.type(XML).send(contract.wsdl);
      if (query.xsd === '1') return reply.type(XML).send(contract.xsd);
      return reply.code(404).send();
    });

    app.post('/', async (request, reply) => {
      let soapRequest;
      try {
        soapRequest = parseSoapEnvelope(typeof request.body === 'string' ? request.body : '');
      } catch (error) {
        if (error instanceof SoapClientFault) return fault(reply, 'Client', error.message);
        throw error;
      }
      const { operation, wrapper, usernameToken } = soapRequest;
      if (!isCommand(operation)) return fault(reply, 'Client', `unknown operation ${operation}`);
      const caller = usernameToken
        ? callerFromToken(state, usernameToken)
        : callerFromBasic(state, request.headers.authorization);
      const schemas = CONTRACT_OPERATIONS[operation];
      const outcome = runCommand(
        state,
        commands,
        operation,
        fromXml(schemas.input, wrapper),
        caller,
      );
      switch (outcome.kind) {
        case 'unauthenticated':
          return reply
            .code(401)
            .header('www-authenticate', 'Basic realm="TVox multichannel"')
            .type(XML)
            .send(soapFault('Client', 'bad or missing credentials'));
        case 'invalid':
          return fault(reply, 'Client', outcome.message);
        case 'answer':
          return reply
            .type(XML)
            .send(soapMessage(`${operation}Response`, schemas.output, outcome.output, true));
      }
    });
  };
}
