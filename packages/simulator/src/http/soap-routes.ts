import { CONTRACT_OPERATIONS, type ContractCommand } from '@tvox-connector/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConnectorCommands } from '../engine/connector-commands.js';
import type { Faults } from '../engine/faults.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import {
  publishContract,
  publishRelease,
  releaseNamespace,
  type SoapRelease,
} from '../contract-files.js';
import {
  parseSoapEnvelope,
  REFERENCE_NAMESPACE,
  SoapClientFault,
  soapFault,
  soapMessage,
  type MessageNaming,
} from '../soap/envelope.js';
import {
  REFERENCE_OPERATION_MAP,
  releaseOperationName,
  renameFields,
  type FieldRenames,
  type OperationMap,
} from '../soap/release-names.js';
import { fromXml, type XmlElement, type XmlNode } from '../soap/xml-mapping.js';
import { isCommand, runCommand } from './command-runner.js';
import { callerFromBasic, callerFromToken } from './connector-auth.js';
import { faultGuard } from './fault-guard.js';

const XML = 'text/xml; charset=utf-8';

/** SOAP 1.1 answers every fault with HTTP 500; `soap:Client` says the request was at fault. */
function fault(reply: FastifyReply, code: 'Client' | 'Server', message: string): FastifyReply {
  return reply.code(500).type(XML).send(soapFault(code, message));
}

/** How the endpoint names operations and fields: the reference contract's, or a release's. */
interface SoapNaming {
  /** The command a request's wrapper element names, if any. */
  command(operation: string): ContractCommand | undefined;
  /** A request wrapper in the release's field names, renamed to the reference's. */
  toReference(command: ContractCommand, wrapper: XmlElement): XmlElement;
  /** The answer's wrapper name and how its content is named. */
  response(command: ContractCommand): { readonly name: string; readonly naming: MessageNaming };
}

/**
 * Makes the one-element lists a rename crosses (`a[].b`) arrays: XML gives a lone repeated element
 * as an object, and core's `renameFields` only walks arrays.
 */
function listsAlong(node: XmlNode, path: readonly string[]): void {
  const [step, ...rest] = path;
  if (step === undefined || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) listsAlong(item, path);
    return;
  }
  const key = step.replace(/\[\]$/, '');
  const child = node[key];
  if (child === undefined) return;
  if (step.endsWith('[]') && !Array.isArray(child)) node[key] = [child];
  listsAlong(node[key], rest);
}

function renamed(wrapper: XmlElement, renames: FieldRenames): XmlElement {
  if (Object.keys(renames).length === 0) return wrapper;
  for (const path of Object.values(renames)) listsAlong(wrapper, path.split('.'));
  return renameFields(wrapper, renames, 'fromRelease');
}

function soapNaming(map: OperationMap, namespace: string): SoapNaming {
  const byName = new Map<string, ContractCommand>();
  for (const command of Object.keys(CONTRACT_OPERATIONS)) {
    if (isCommand(command)) byName.set(releaseOperationName(map, command), command);
  }
  return {
    command: (operation) => byName.get(operation),
    toReference: (command, wrapper) => renamed(wrapper, map.operations[command].input),
    response: (command) => {
      const renames = map.operations[command].output;
      return {
        name: `${releaseOperationName(map, command)}Response`,
        naming: Object.keys(renames).length === 0 ? { namespace } : { namespace, renames },
      };
    },
  };
}

/**
 * The SOAP endpoint at `/mc/cxf/soap`, with the WSDL at `?wsdl` and its schema at `?xsd=1`.
 * SOAP 1.1 only (`text/xml`): a SOAP 1.2 `application/soap+xml` request gets 415. WS-Addressing
 * headers a client sends are ignored. With a `release`, it publishes that release's WSDL and schema
 * and speaks its operation and field names, translated to and from the reference contract around
 * the engine.
 */
export function soapRoutes(
  state: SimulatorState,
  commands: ConnectorCommands,
  faults: Faults,
  bodyLimit: number,
  release?: SoapRelease,
) {
  const naming = release
    ? soapNaming(release.operationMap, releaseNamespace(release))
    : soapNaming(REFERENCE_OPERATION_MAP, REFERENCE_NAMESPACE);
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
      const contract = release ? publishRelease(release, base) : publishContract(base);
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
      const command = naming.command(operation);
      if (!command) return fault(reply, 'Client', `unknown operation ${operation}`);
      const caller = usernameToken
        ? callerFromToken(state, usernameToken)
        : callerFromBasic(state, request.headers.authorization);
      const schemas = CONTRACT_OPERATIONS[command];
      const outcome = runCommand(
        state,
        commands,
        command,
        fromXml(schemas.input, naming.toReference(command, wrapper)),
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
        case 'answer': {
          const { name, naming: names } = naming.response(command);
          return reply
            .type(XML)
            .send(soapMessage(name, schemas.output, outcome.output, true, names));
        }
      }
    });
  };
}
