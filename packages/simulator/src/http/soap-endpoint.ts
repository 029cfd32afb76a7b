import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PublishedContract } from '../contract-files.js';
import type { Faults } from '../engine/faults.js';
import { soapFault } from '../soap/envelope.js';
import { baseUrlOf } from './descriptions.js';
import { faultGuard } from './fault-guard.js';

/** The content type of every SOAP 1.1 answer. */
export const XML = 'text/xml; charset=utf-8';

/** SOAP 1.1 answers every fault with HTTP 500; `soap:Client` says the request was at fault. */
export function soapFaultReply(
  reply: FastifyReply,
  code: 'Client' | 'Server',
  message: string,
): FastifyReply {
  return reply.code(500).type(XML).send(soapFault(code, message));
}

/** Bad or missing credentials: 401 before the message is read, as CXF's security layer answers. */
export function soapUnauthenticated(reply: FastifyReply): FastifyReply {
  return reply
    .code(401)
    .header('www-authenticate', 'Basic realm="TVox multichannel"')
    .type(XML)
    .send(soapFault('Client', 'bad or missing credentials'));
}

/**
 * What every SOAP endpoint of the simulator shares: injected faults first; SOAP 1.1 `text/xml`
 * bodies only (a SOAP 1.2 `application/soap+xml` request gets 415); errors answered as faults;
 * and `GET ?wsdl` and `GET ?xsd=1` answered with the descriptions `describe` publishes for the
 * caller's address.
 */
export function setUpSoapEndpoint(
  app: FastifyInstance,
  faults: Faults,
  bodyLimit: number,
  describe: (baseUrl: string) => Pick<PublishedContract, 'wsdl' | 'xsd'>,
): void {
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
    return soapFaultReply(reply, status < 500 ? 'Client' : 'Server', error.message);
  });

  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const contract = describe(baseUrlOf(request));
    if ('wsdl' in query) return reply.type(XML).send(contract.wsdl);
    if (query.xsd === '1') return reply.type(XML).send(contract.xsd);
    return reply.code(404).send();
  });
}
