import { CONTRACT_OPERATIONS, type ContractCommand } from '@tvox-connector/core';
import type { FastifyInstance } from 'fastify';
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
import { WIRE_OPERATIONS } from '../wire/wire-events.js';
import { isCommand, runCommand } from './command-runner.js';
import { callerFromBasic, callerFromToken } from './connector-auth.js';
import {
  setUpSoapEndpoint,
  soapFaultReply as fault,
  soapUnauthenticated,
  XML,
} from './soap-endpoint.js';

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
    setUpSoapEndpoint(app, faults, bodyLimit, (base) =>
      release ? publishRelease(release, base) : publishContract(base),
    );

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
      const schemas = WIRE_OPERATIONS[command];
      const outcome = runCommand(
        state,
        commands,
        command,
        fromXml(schemas.input, naming.toReference(command, wrapper)),
        caller,
      );
      switch (outcome.kind) {
        case 'unauthenticated':
          return soapUnauthenticated(reply);
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
