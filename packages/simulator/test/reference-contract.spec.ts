/**
 * The reference contract "tvox-mc v1" as published files (WSDL + imported XSD, WADL): valid for
 * independent SOAP stacks, shaped the way a CXF Java-first service publishes it, and in agreement
 * with the zod schemas in core, which are the single source of truth.
 */
import path from 'node:path';
import { expect } from 'chai';
import * as soap from 'soap';
import {
  Attachment,
  CommandResult,
  CONTRACT_OPERATIONS,
  Contact,
  ContractMessage,
  SessionStatus,
  StatusChangedEvent,
  TvoxEvent,
  type ContractCommand,
  type ContractOperation,
} from '@tvox-connector/core';
import { onlyChild, isElement, childElements, resolveQName, type XmlNode } from './xml-walk';
import {
  ContractDocuments,
  named,
  nameOf,
  NS,
  sequenceElements,
} from './support/contract-documents';
import { describeJavaFirstWsdlRules } from './support/java-first-wsdl-rules';

const CONTRACT_DIR = path.join(__dirname, '..', 'contract');
const WSDL_PATH = path.join(CONTRACT_DIR, 'tvox-mc-relay.wsdl');
const TNS = 'http://mc.tvox-connector.org/';

const COMMANDS: readonly ContractCommand[] = [
  'openSession',
  'sendMessage',
  'closeSession',
  'getSessionStatus',
  'pollEvents',
  'ackEvents',
];
const CALLBACKS: readonly ContractOperation[] = ['notifyEvents'];
const OPERATIONS = Object.keys(CONTRACT_OPERATIONS) as ContractOperation[];

/** Where each operation lives in the WSDL. */
const SOAP_SERVICES = [
  { service: 'MultichannelService', port: 'MultichannelPort', operations: COMMANDS },
  {
    service: 'MultichannelCallbackService',
    port: 'MultichannelCallbackPort',
    operations: CALLBACKS,
  },
] as const;

/** The REST mapping of the six commands (section 2 of DESIGN.md). */
const REST_ROUTES: Record<
  ContractCommand,
  { verb: string; path: string; query: Readonly<Record<string, string>> }
> = {
  openSession: { verb: 'POST', path: '/sessions', query: {} },
  sendMessage: { verb: 'POST', path: '/sessions/{id}/messages', query: {} },
  closeSession: { verb: 'POST', path: '/sessions/{id}/close', query: {} },
  getSessionStatus: {
    verb: 'GET',
    path: '/sessions/{id}/status',
    query: { connector: 'xs:string' },
  },
  pollEvents: {
    verb: 'GET',
    path: '/events',
    query: { connector: 'xs:string', after: 'xs:long', max: 'xs:int' },
  },
  ackEvents: { verb: 'POST', path: '/events/ack', query: {} },
};

const docs = new ContractDocuments({
  wsdl: WSDL_PATH,
  xsd: path.join(CONTRACT_DIR, 'tvox-mc-relay.xsd'),
  wadl: path.join(CONTRACT_DIR, 'tvox-mc-relay.wadl'),
});

// ---------------------------------------------------------------------------------------------
// Generic helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Asserts two field lists hold the same names, naming what is missing on either side. */
function expectSameFields(actual: readonly string[], expected: readonly string[], label: string) {
  const onlyInFile = actual.filter((name) => !expected.includes(name));
  const onlyInSchema = expected.filter((name) => !actual.includes(name));
  const duplicates = actual.filter((name, index) => actual.indexOf(name) !== index);
  expect({ onlyInFile, onlyInSchema, duplicates }, label).to.deep.equal({
    onlyInFile: [],
    onlyInSchema: [],
    duplicates: [],
  });
}

// ---------------------------------------------------------------------------------------------
// zod introspection (zod 4: every schema has `.def.type`; wrappers have `.def.innerType`)

type ZodKind =
  | { kind: 'string'; format: string | undefined }
  | { kind: 'number' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'literal'; values: string[] }
  | { kind: 'array' }
  | { kind: 'object' }
  | { kind: 'record' }
  | { kind: 'other'; type: string };

function zodKind(schema: unknown): ZodKind {
  const def = isRecord(schema) ? schema.def : undefined;
  if (!isRecord(def) || typeof def.type !== 'string') return { kind: 'other', type: 'not zod' };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return zodKind(def.innerType);
    case 'string':
      return { kind: 'string', format: typeof def.format === 'string' ? def.format : undefined };
    case 'number':
      return { kind: 'number' };
    case 'enum':
      return { kind: 'enum', values: isRecord(def.entries) ? Object.keys(def.entries) : [] };
    case 'literal':
      return {
        kind: 'literal',
        values: Array.isArray(def.values) ? def.values.map((v: unknown) => String(v)) : [],
      };
    case 'array':
    case 'object':
    case 'record':
      return { kind: def.type };
    default:
      return { kind: 'other', type: def.type };
  }
}

/**
 * Checks one XSD field against the JAXB form of its zod schema; returns what is wrong, or an
 * empty list.
 */
function jaxbProblems(field: XmlNode, schema: unknown): string[] {
  const zod = zodKind(schema);
  const type = field.attrs.type;
  const typeName = type === undefined ? undefined : resolveQName(field, type);
  const isXs = (local: string) => typeName?.namespace === NS.xs && typeName.local === local;
  const optional = field.attrs.minOccurs === '0';
  const repeated = field.attrs.maxOccurs === 'unbounded';
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (zod.kind !== 'array') want(!repeated, 'only a list may repeat');
  switch (zod.kind) {
    case 'string':
      want(isXs(zod.format === 'datetime' ? 'dateTime' : 'string'), `type xs:string/dateTime`);
      want(optional, 'minOccurs="0" (strings are optional)');
      break;
    case 'number':
      want(isXs('long') || isXs('int'), 'type xs:long or xs:int');
      want(field.attrs.minOccurs === undefined, 'no minOccurs (numbers are required)');
      break;
    case 'enum':
    case 'literal': {
      const values = typeName?.namespace === TNS ? docs.enumerationValues(typeName.local) : [];
      want(
        zod.values.every((value) => values.includes(value)),
        `a tns simpleType enumerating ${zod.values.join(', ')}`,
      );
      want(optional, 'minOccurs="0" (enums are optional)');
      break;
    }
    case 'object':
      want(typeName?.namespace === TNS, 'a tns complexType');
      want(optional, 'minOccurs="0" (objects are optional)');
      break;
    case 'array':
      want(typeName?.namespace === TNS, 'a tns item type');
      want(optional && repeated, 'minOccurs="0" maxOccurs="unbounded" (a list without wrapper)');
      want(field.attrs.nillable === 'true', 'nillable="true"');
      break;
    case 'record': {
      const mapType = onlyChild(field, NS.xs, 'complexType');
      const entry = mapType ? sequenceElements(mapType) : [];
      const entryType = entry[0] ? onlyChild(entry[0], NS.xs, 'complexType') : undefined;
      const entryFields = entryType ? sequenceElements(entryType) : [];
      const isString = (f: XmlNode) => {
        const name = resolveQName(f, f.attrs.type ?? '');
        return name?.namespace === NS.xs && name.local === 'string';
      };
      want(optional, 'minOccurs="0" (maps are optional)');
      want(
        entry.length === 1 &&
          entry[0]?.attrs.name === 'entry' &&
          entry[0].attrs.minOccurs === '0' &&
          entry[0].attrs.maxOccurs === 'unbounded' &&
          entryFields.map(nameOf).join() === 'key,value' &&
          entryFields.every((f) => isString(f) && f.attrs.minOccurs === '0'),
        'an anonymous complexType of entry*{key, value}',
      );
      break;
    }
    case 'other':
      problems.push(`no JAXB mapping known for zod type "${zod.type}"`);
  }
  return problems;
}

/** Checks every field of an XSD type against the zod shape it mirrors. */
function expectJaxbForms(typeName: string, shape: Readonly<Record<string, unknown>>) {
  const fields = docs.fieldsOf(typeName);
  const problems: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const field = named(fields, name);
    const found = field ? jaxbProblems(field, schema) : ['missing'];
    if (found.length > 0) problems[name] = found;
  }
  expect(problems, `fields of ${typeName} not in their JAXB form`).to.deep.equal({});
}

const EVENT_TYPES = TvoxEvent.options.map((option) => option.shape.type.value);
/** The fields every event kind has, on the event itself; the rest are in the kind's child. */
const EVENT_COMMON_KEYS: readonly string[] = ['sequence', 'sessionId', 'at'];
/**
 * Common fields a release may carry that this one does not: it numbers one run of its event
 * stream only, so it has no `epoch`.
 */
const EVENT_COMMON_ABSENT: readonly string[] = ['epoch'];
const EVENT_COMMON_SHAPE = StatusChangedEvent.pick({
  sequence: true,
  sessionId: true,
  at: true,
}).shape;

/** The choice of kind children in complexType event. */
function eventChoice(): XmlNode {
  const sequence = onlyChild(docs.complexType('event'), NS.xs, 'sequence');
  const choice = sequence ? onlyChild(sequence, NS.xs, 'choice') : undefined;
  if (!choice) throw new Error('complexType event has no xs:choice in its sequence');
  return choice;
}

// ---------------------------------------------------------------------------------------------

describe('reference contract tvox-mc v1', () => {
  describe('WSDL loaded by node soap', () => {
    let description: Record<string, unknown> = {};

    before(async () => {
      const client = await soap.createClientAsync(WSDL_PATH);
      const described: unknown = client.describe();
      if (!isRecord(described)) throw new Error('client.describe() returned no object');
      description = described;
    });

    function portOperations(service: string, port: string): Record<string, unknown> {
      const services = description[service];
      const ports = isRecord(services) ? services[port] : undefined;
      return isRecord(ports) ? ports : {};
    }

    for (const { service, port, operations } of SOAP_SERVICES) {
      it(`describes ${service}/${port} with exactly ${operations.join(', ')}`, () => {
        expect(Object.keys(portOperations(service, port)), `${service}/${port}`).to.have.members([
          ...operations,
        ]);
      });
    }

    it('describes exactly the two services, seven operations in all', () => {
      expect(Object.keys(description)).to.have.members(SOAP_SERVICES.map((s) => s.service));
      const all = SOAP_SERVICES.flatMap((s) => Object.keys(portOperations(s.service, s.port)));
      expect(all).to.have.members(OPERATIONS);
    });

    it('resolves the relative xsd import: openSession input lists the contact fields', () => {
      const openSession = portOperations('MultichannelService', 'MultichannelPort').openSession;
      const input = isRecord(openSession) ? openSession.input : undefined;
      const contact = isRecord(input) ? input.contact : undefined;
      expect(contact, 'openSession input.contact from tvox-mc-relay.xsd').to.include({
        id: 'xs:string',
        channel: 'xs:string',
      });
    });
  });

  describeJavaFirstWsdlRules(docs);

  describe('WSDL layout of tvox-mc v1', () => {
    it('has the reference target namespace', () => {
      expect(docs.tns).to.equal(TNS);
    });

    it('serves each operation from the service, port and binding of its portType', () => {
      const layout = docs.serviceLayout();
      expect(layout).to.deep.equal([
        {
          service: 'MultichannelService',
          ports: [
            {
              port: 'MultichannelPort',
              binding: 'tns:MultichannelServiceSoapBinding',
              location: 'http://localhost:8080/mc/cxf/soap',
            },
          ],
        },
        {
          service: 'MultichannelCallbackService',
          ports: [
            {
              port: 'MultichannelCallbackPort',
              binding: 'tns:MultichannelCallbackServiceSoapBinding',
              location: 'http://localhost:8080/tvox/callback/soap',
            },
          ],
        },
      ]);
    });
  });

  describe('XSD agrees with the zod schemas in core', () => {
    for (const op of OPERATIONS) {
      const { input, output } = CONTRACT_OPERATIONS[op];

      it(`${op}: the request wrapper holds exactly the fields of the input schema`, () => {
        expectSameFields(
          docs.fieldNames(docs.wrapperTypeName(op)),
          Object.keys(input.shape),
          `${op} request wrapper vs CONTRACT_OPERATIONS.${op}.input`,
        );
      });

      it(`${op}: the response's return, inherited fields included, holds the output fields`, () => {
        expectSameFields(
          docs.fieldNames(docs.returnTypeName(op)),
          Object.keys(output.shape),
          `${op} response return vs CONTRACT_OPERATIONS.${op}.output`,
        );
      });

      it(`${op}: every request and return field has the JAXB form of its zod type`, () => {
        expectJaxbForms(docs.wrapperTypeName(op), input.shape);
        expectJaxbForms(docs.returnTypeName(op), output.shape);
      });
    }

    it('puts the inherited commandResponse fields first in every result type', () => {
      const base = docs.fieldNames('commandResponse');
      for (const op of OPERATIONS) {
        const fields = docs.fieldNames(docs.returnTypeName(op));
        expect(fields.slice(0, base.length), `${op} return`).to.deep.equal(base);
      }
    });

    const dataTypes = [
      { type: 'contact', schema: 'Contact', shape: Contact.shape },
      { type: 'attachment', schema: 'Attachment', shape: Attachment.shape },
      { type: 'message', schema: 'ContractMessage', shape: ContractMessage.shape },
    ] as const;
    for (const { type, schema, shape } of dataTypes) {
      it(`complexType ${type} holds exactly the fields of ${schema}, in their JAXB form`, () => {
        expectSameFields(
          docs.fieldNames(type),
          Object.keys(shape),
          `complexType ${type} vs ${schema}`,
        );
        expectJaxbForms(type, shape);
      });
    }

    it('complexType event holds the fields every kind has, then a choice of one child per kind', () => {
      const sequence = onlyChild(docs.complexType('event'), NS.xs, 'sequence');
      expect(
        sequence?.children.map((child) => child.attrs.name ?? child.local),
        'event content',
      ).to.deep.equal([...EVENT_COMMON_KEYS, 'choice']);
      expectJaxbForms('event', EVENT_COMMON_SHAPE);
      const choice = eventChoice();
      expect(choice.attrs, 'the choice (absent when JAXB has no kind)').to.deep.equal({
        minOccurs: '0',
      });
      expect(childElements(choice, NS.xs, 'element').map(nameOf)).to.deep.equal(EVENT_TYPES);
    });

    for (const option of TvoxEvent.options) {
      const kind = option.shape.type.value;
      const own = Object.fromEntries(
        Object.entries(option.shape).filter(
          ([key]) =>
            key !== 'type' &&
            !EVENT_COMMON_KEYS.includes(key) &&
            !EVENT_COMMON_ABSENT.includes(key),
        ),
      );
      it(`the ${kind} child is once, of a complexType with exactly the kind's own fields`, () => {
        const child = named(childElements(eventChoice(), NS.xs, 'element'), kind);
        expect(child?.attrs.minOccurs, `${kind} minOccurs`).to.equal(undefined);
        expect(child?.attrs.maxOccurs, `${kind} maxOccurs`).to.equal(undefined);
        const type = child ? docs.tnsTypeOf(child) : undefined;
        if (type === undefined) throw new Error(`the ${kind} child has no tns type`);
        expectSameFields(docs.fieldNames(type), Object.keys(own), `complexType ${type} vs ${kind}`);
        expectJaxbForms(type, own);
      });
    }

    it('simpleType commandResult enumerates CommandResult', () => {
      expect(docs.enumerationValues('commandResult'), 'commandResult').to.deep.equal(
        CommandResult.options,
      );
    });

    it('simpleType sessionStatus enumerates SessionStatus (UNKNOW without the final E)', () => {
      expect(docs.enumerationValues('sessionStatus'), 'sessionStatus').to.deep.equal(
        SessionStatus.options,
      );
      expect(docs.enumerationValues('sessionStatus')).to.include('UNKNOW');
    });
  });

  describe('WADL', () => {
    it('is a WADL 2009/02 application with resources based at /mc/cxf/rest', () => {
      expect(isElement(docs.wadl, NS.wadl, 'application'), 'root element').to.be.true;
      const bases = childElements(docs.wadl, NS.wadl, 'resources').map((r) => r.attrs.base);
      expect(bases).to.deep.equal(['http://localhost:8080/mc/cxf/rest']);
    });

    it('has a method for each of the six commands and no other', () => {
      expect(docs.wadlMethods().map((method) => method.id)).to.have.members([...COMMANDS]);
    });

    for (const command of COMMANDS) {
      const route = REST_ROUTES[command];

      it(`maps ${command} to exactly one ${route.verb} ${route.path}`, () => {
        const found = docs.wadlMethods().filter((method) => method.id === command);
        expect(found, `methods with id ${command}`).to.have.lengthOf(1);
        expect({ verb: found[0]!.verb, path: found[0]!.path }, command).to.deep.equal({
          verb: route.verb,
          path: route.path,
        });
      });

      const queryNames = Object.keys(route.query);
      it(`${command} takes ${queryNames.length > 0 ? `query ${queryNames.join(', ')}` : 'no query params'}`, () => {
        const method = docs.wadlMethods().find((m) => m.id === command);
        expect(method?.query, `${command} query params`).to.deep.equal(route.query);
      });

      it(`${command} declares every {template} of its path as a template param`, () => {
        const method = docs.wadlMethods().find((m) => m.id === command);
        const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        expect(method?.templates, `${command} template params`).to.have.members(inPath);
      });

      it(`${command} speaks application/json`, () => {
        const method = docs.wadlMethods().find((m) => m.id === command);
        const expected = {
          request: route.verb === 'POST' ? ['application/json'] : [],
          response: ['application/json'],
        };
        expect(
          { request: method?.requestMedia, response: method?.responseMedia },
          `${command} representations`,
        ).to.deep.equal(expected);
      });
    }
  });
});
