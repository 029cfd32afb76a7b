/**
 * The reference contract "tvox-mc v1" as published files (WSDL + imported XSD, WADL): valid for
 * independent SOAP stacks, shaped the way a CXF Java-first service publishes it, and in agreement
 * with the zod schemas in core, which are the single source of truth.
 */
import { readFileSync } from 'node:fs';
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
  TvoxEvent,
  type ContractCommand,
  type ContractOperation,
} from '@tvox-connector/core';
import {
  childElements,
  descendantElements,
  descendants,
  isElement,
  onlyChild,
  parseXml,
  pathOf,
  resolveQName,
  type QName,
  type XmlNode,
} from './xml-walk';

const CONTRACT_DIR = path.join(__dirname, '..', 'contract');
const WSDL_PATH = path.join(CONTRACT_DIR, 'tvox-mc-v1.wsdl');
const XSD_FILE = 'tvox-mc-v1.xsd';
const XSD_PATH = path.join(CONTRACT_DIR, XSD_FILE);
const WADL_PATH = path.join(CONTRACT_DIR, 'tvox-mc-v1.wadl');

const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  xs: 'http://www.w3.org/2001/XMLSchema',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wadl: 'http://wadl.dev.java.net/2009/02',
  tns: 'http://mc.tvox-connector.org/',
} as const;

const SOAP_HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';

/** XML Schema 1.0 built-in types (what `xs:` references may name). */
const XSD_BUILT_INS = new Set([
  'anyType',
  'anySimpleType',
  'string',
  'normalizedString',
  'token',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'boolean',
  'decimal',
  'integer',
  'nonPositiveInteger',
  'negativeInteger',
  'nonNegativeInteger',
  'positiveInteger',
  'long',
  'int',
  'short',
  'byte',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
  'float',
  'double',
  'duration',
  'dateTime',
  'time',
  'date',
  'gYearMonth',
  'gYear',
  'gMonthDay',
  'gDay',
  'gMonth',
  'hexBinary',
  'base64Binary',
  'anyURI',
  'QName',
  'NOTATION',
]);

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

const wsdl = parseXml(readFileSync(WSDL_PATH, 'utf8'), WSDL_PATH);
const xsd = parseXml(readFileSync(XSD_PATH, 'utf8'), XSD_PATH);
const wadl = parseXml(readFileSync(WADL_PATH, 'utf8'), WADL_PATH);

// ---------------------------------------------------------------------------------------------
// Generic helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function qnameText(name: QName): string {
  return `{${name.namespace ?? ''}}${name.local}`;
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

function nameOf(node: XmlNode): string {
  const name = node.attrs.name;
  if (name === undefined) throw new Error(`${pathOf(node)} has no name`);
  return name;
}

function named(nodes: readonly XmlNode[], name: string): XmlNode | undefined {
  return nodes.find((node) => node.attrs.name === name);
}

// ---------------------------------------------------------------------------------------------
// WSDL and XSD

/** Every schema the WSDL sees: the imported XSD and whatever `wsdl:types` holds inline. */
function schemas(): XmlNode[] {
  const types = onlyChild(wsdl, NS.wsdl, 'types');
  const inline = types ? childElements(types, NS.xs, 'schema') : [];
  return [xsd, ...inline];
}

function topLevel(kind: 'element' | 'complexType' | 'simpleType', local: string) {
  for (const schema of schemas()) {
    if (schema.attrs.targetNamespace !== NS.tns) continue;
    const found = named(childElements(schema, NS.xs, kind), local);
    if (found) return found;
  }
  return undefined;
}

function complexType(local: string): XmlNode {
  const found = topLevel('complexType', local);
  if (!found) throw new Error(`the XSD has no complexType ${local}`);
  return found;
}

/** The tns type an element or attribute's `type=` names, or undefined for a built-in/anonymous. */
function tnsTypeOf(node: XmlNode, attr = 'type'): string | undefined {
  const value = node.attrs[attr];
  if (value === undefined) return undefined;
  const name = resolveQName(node, value);
  return name?.namespace === NS.tns ? name.local : undefined;
}

/** The elements of a complexType's content, inherited ones first (through xs:extension). */
function fieldsOf(typeName: string): XmlNode[] {
  const type = complexType(typeName);
  const content = onlyChild(type, NS.xs, 'complexContent');
  if (content) {
    const extension = onlyChild(content, NS.xs, 'extension');
    if (!extension) throw new Error(`complexType ${typeName} has complexContent without extension`);
    const base = tnsTypeOf(extension, 'base');
    if (base === undefined) throw new Error(`complexType ${typeName} extends no tns type`);
    return [...fieldsOf(base), ...sequenceElements(extension)];
  }
  return sequenceElements(type);
}

function sequenceElements(node: XmlNode): XmlNode[] {
  const sequence = onlyChild(node, NS.xs, 'sequence');
  return sequence ? childElements(sequence, NS.xs, 'element') : [];
}

function fieldNames(typeName: string): string[] {
  return fieldsOf(typeName).map(nameOf);
}

/** The complexType of a wrapper element (`openSession`, `openSessionResponse`, ...). */
function wrapperTypeName(elementName: string): string {
  const element = topLevel('element', elementName);
  if (!element) throw new Error(`the XSD has no element ${elementName}`);
  const type = tnsTypeOf(element);
  if (type === undefined) throw new Error(`element ${elementName} has no tns type`);
  return type;
}

/** The type of the `return` child of an operation's response wrapper. */
function returnTypeName(operation: ContractOperation): string {
  const wrapper = wrapperTypeName(`${operation}Response`);
  const fields = fieldsOf(wrapper);
  expect(fields.map(nameOf), `${operation}Response wraps one "return"`).to.deep.equal(['return']);
  const type = tnsTypeOf(fields[0]!);
  if (type === undefined) throw new Error(`${operation}Response/return has no tns type`);
  return type;
}

function enumerationValues(simpleTypeName: string): string[] {
  const type = topLevel('simpleType', simpleTypeName);
  if (!type) throw new Error(`the XSD has no simpleType ${simpleTypeName}`);
  return descendantElements(type, NS.xs, 'enumeration').map((e) => e.attrs.value ?? '');
}

function wsdlChildren(local: string): XmlNode[] {
  return childElements(wsdl, NS.wsdl, local);
}

type DefinitionKind = 'type' | 'element' | 'message' | 'portType' | 'binding';

/** Which kind of definition a QName-valued attribute refers to, by the element it sits on. */
function referenceKind(node: XmlNode, attr: string): DefinitionKind | undefined {
  if (node.namespace === NS.xs) {
    if (attr === 'type' && (node.local === 'element' || node.local === 'attribute')) return 'type';
    if (attr === 'base' && (node.local === 'extension' || node.local === 'restriction')) {
      return 'type';
    }
    if (attr === 'itemType' && node.local === 'list') return 'type';
    if (attr === 'ref' && node.local === 'element') return 'element';
    return undefined;
  }
  if (node.namespace === NS.wsdl) {
    if (node.local === 'part' && attr === 'element') return 'element';
    if (node.local === 'part' && attr === 'type') return 'type';
    if (node.local === 'binding' && attr === 'type') return 'portType';
    if (node.local === 'port' && attr === 'binding') return 'binding';
    if (['input', 'output', 'fault'].includes(node.local) && attr === 'message') return 'message';
  }
  return undefined;
}

const QNAME_ATTRIBUTES = ['type', 'element', 'base', 'ref', 'itemType', 'message', 'binding'];

/** Every name defined by the WSDL and its schemas, as `{namespace}local` per kind. */
function definitions(): Record<DefinitionKind, Set<string>> {
  const defs: Record<DefinitionKind, Set<string>> = {
    type: new Set([...XSD_BUILT_INS].map((local) => qnameText({ namespace: NS.xs, local }))),
    element: new Set(),
    message: new Set(),
    portType: new Set(),
    binding: new Set(),
  };
  for (const schema of schemas()) {
    const namespace = schema.attrs.targetNamespace;
    for (const node of schema.children) {
      const name = node.attrs.name;
      if (node.namespace !== NS.xs || name === undefined) continue;
      const text = qnameText({ namespace, local: name });
      if (node.local === 'element') defs.element.add(text);
      if (node.local === 'complexType' || node.local === 'simpleType') defs.type.add(text);
    }
  }
  const wsdlNamespace = wsdl.attrs.targetNamespace;
  for (const kind of ['message', 'portType', 'binding'] as const) {
    for (const node of wsdlChildren(kind)) {
      defs[kind].add(qnameText({ namespace: wsdlNamespace, local: nameOf(node) }));
    }
  }
  return defs;
}

/** Where the bound SOAP operations are: binding operation → soap:operation. */
function boundOperations(): { binding: XmlNode; operation: XmlNode }[] {
  return wsdlChildren('binding').flatMap((binding) =>
    childElements(binding, NS.wsdl, 'operation').map((operation) => ({ binding, operation })),
  );
}

/** The element the single part of a WSDL message names. */
function messageElement(messageRef: XmlNode): QName | undefined {
  const ref = messageRef.attrs.message;
  const messageName = ref === undefined ? undefined : resolveQName(messageRef, ref);
  if (!messageName || messageName.namespace !== wsdl.attrs.targetNamespace) return undefined;
  const message = named(wsdlChildren('message'), messageName.local);
  const part = message ? onlyChild(message, NS.wsdl, 'part') : undefined;
  const element = part?.attrs.element;
  return part && element !== undefined ? resolveQName(part, element) : undefined;
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
      const values = typeName?.namespace === NS.tns ? enumerationValues(typeName.local) : [];
      want(
        zod.values.every((value) => values.includes(value)),
        `a tns simpleType enumerating ${zod.values.join(', ')}`,
      );
      want(optional, 'minOccurs="0" (enums are optional)');
      break;
    }
    case 'object':
      want(typeName?.namespace === NS.tns, 'a tns complexType');
      want(optional, 'minOccurs="0" (objects are optional)');
      break;
    case 'array':
      want(typeName?.namespace === NS.tns, 'a tns item type');
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
  const fields = fieldsOf(typeName);
  const problems: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const field = named(fields, name);
    const found = field ? jaxbProblems(field, schema) : ['missing'];
    if (found.length > 0) problems[name] = found;
  }
  expect(problems, `fields of ${typeName} not in their JAXB form`).to.deep.equal({});
}

const EVENT_SHAPES = TvoxEvent.options.map((option) => option.shape);
const EVENT_KEYS = [...new Set(EVENT_SHAPES.flatMap((shape) => Object.keys(shape)))];
const EVENT_TYPES = TvoxEvent.options.map((option) => option.shape.type.value);

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
      expect(contact, 'openSession input.contact from tvox-mc-v1.xsd').to.include({
        id: 'xs:string',
        channel: 'xs:string',
      });
    });
  });

  describe('WSDL and XSD follow the rules independent SOAP stacks enforce', () => {
    it('resolves every QName reference (type, element, base, message, binding) to a definition', () => {
      const defs = definitions();
      const unresolved: string[] = [];
      for (const [source, root] of [
        ['wsdl', wsdl],
        ['xsd', xsd],
      ] as const) {
        for (const node of descendants(root)) {
          for (const attr of QNAME_ATTRIBUTES) {
            const value = node.attrs[attr];
            if (value === undefined) continue;
            const kind = referenceKind(node, attr);
            const name = resolveQName(node, value);
            if (kind === undefined) {
              unresolved.push(`${source}: ${pathOf(node)} @${attr}="${value}" (unexpected)`);
            } else if (!name || !defs[kind].has(qnameText(name))) {
              unresolved.push(`${source}: ${pathOf(node)} @${attr}="${value}" (no such ${kind})`);
            }
          }
        }
      }
      expect(unresolved, 'unresolved references').to.deep.equal([]);
    });

    it('gives the XSD exactly one targetNamespace, equal to the WSDL targetNamespace', () => {
      const namespaces = [xsd, ...descendantElements(xsd, NS.xs, 'schema')].map(
        (schema) => schema.attrs.targetNamespace,
      );
      expect(wsdl.attrs.targetNamespace, 'WSDL targetNamespace').to.equal(NS.tns);
      expect(namespaces, 'XSD targetNamespaces').to.deep.equal([NS.tns]);
      expect(xsd.attrs.version, 'XSD version').to.equal('1.0');
    });

    it(`imports the schema from ${XSD_FILE} instead of declaring it inline`, () => {
      const types = onlyChild(wsdl, NS.wsdl, 'types');
      const inline = types ? childElements(types, NS.xs, 'schema') : [];
      expect(inline, 'one xs:schema in wsdl:types').to.have.lengthOf(1);
      const imports = inline[0]!.children.map((child) => ({ name: child.local, ...child.attrs }));
      expect(imports).to.deep.equal([
        { name: 'import', namespace: NS.tns, schemaLocation: XSD_FILE },
      ]);
    });

    it('names each input element like its operation and each output element name+"Response"', () => {
      const wrong: string[] = [];
      for (const portType of wsdlChildren('portType')) {
        for (const operation of childElements(portType, NS.wsdl, 'operation')) {
          const op = nameOf(operation);
          for (const [direction, expected] of [
            ['input', op],
            ['output', `${op}Response`],
          ] as const) {
            const ref = onlyChild(operation, NS.wsdl, direction);
            const element = ref ? messageElement(ref) : undefined;
            if (element?.namespace !== NS.tns || element.local !== expected) {
              wrong.push(`${op} ${direction}: ${element ? qnameText(element) : 'none'}`);
            }
          }
        }
      }
      expect(wrong, 'operations whose wrapper elements are misnamed').to.deep.equal([]);
    });

    it('names every message part "parameters" and gives each message exactly one part', () => {
      const wrong = wsdlChildren('message')
        .map((message) => ({
          message: nameOf(message),
          parts: childElements(message, NS.wsdl, 'part').map(nameOf),
        }))
        .filter(({ parts }) => parts.join() !== 'parameters');
      expect(wrong, 'messages whose parts are not a single "parameters"').to.deep.equal([]);
    });

    it('declares every soapAction empty', () => {
      const wrong = boundOperations()
        .map(({ binding, operation }) => ({
          operation: `${nameOf(binding)}/${nameOf(operation)}`,
          soapAction: onlyChild(operation, NS.soap, 'operation')?.attrs.soapAction,
        }))
        .filter(({ soapAction }) => soapAction !== '');
      expect(wrong, 'bound operations with a non-empty or missing soapAction').to.deep.equal([]);
    });

    it('binds every operation as SOAP 1.1 document/literal over HTTP', () => {
      const wrong: string[] = [];
      for (const binding of wsdlChildren('binding')) {
        const soapBinding = onlyChild(binding, NS.soap, 'binding');
        if (
          soapBinding?.attrs.style !== 'document' ||
          soapBinding.attrs.transport !== SOAP_HTTP_TRANSPORT
        ) {
          wrong.push(`${nameOf(binding)}: soap:binding`);
        }
      }
      for (const { binding, operation } of boundOperations()) {
        for (const direction of ['input', 'output']) {
          const body = childElements(operation, NS.wsdl, direction).flatMap((message) =>
            childElements(message, NS.soap, 'body'),
          );
          if (body.length !== 1 || body[0]?.attrs.use !== 'literal') {
            wrong.push(`${nameOf(binding)}/${nameOf(operation)} ${direction}: soap:body`);
          }
        }
      }
      expect(wrong, 'bindings that are not document/literal').to.deep.equal([]);
    });

    it('carries wsam:Action on every operation input and output', () => {
      const wrong: string[] = [];
      for (const portType of wsdlChildren('portType')) {
        for (const operation of childElements(portType, NS.wsdl, 'operation')) {
          const op = nameOf(operation);
          for (const [direction, suffix] of [
            ['input', 'Request'],
            ['output', 'Response'],
          ] as const) {
            const ref = onlyChild(operation, NS.wsdl, direction);
            const action = ref
              ? Object.entries(ref.attrs).find(([attr]) => {
                  const name = resolveQName(ref, attr);
                  return name?.namespace === NS.wsam && name.local === 'Action';
                })?.[1]
              : undefined;
            const expected = `${NS.tns}${nameOf(portType)}/${op}${suffix}`;
            if (action !== expected) wrong.push(`${op} ${direction}: ${action ?? 'none'}`);
          }
        }
      }
      expect(wrong, 'operations with a missing or unexpected wsam:Action').to.deep.equal([]);
    });

    it('sets no elementFormDefault, so wrapper children stay unqualified', () => {
      const qualified = schemas()
        .flatMap((schema) => [schema, ...descendantElements(schema, NS.xs, 'schema')])
        .filter((schema) => schema.attrs.elementFormDefault !== undefined)
        .map((schema) => `${schema === xsd ? XSD_FILE : 'WSDL'}: ${pathOf(schema)}`);
      expect(qualified, 'schemas with elementFormDefault').to.deep.equal([]);
    });

    it('serves each operation from the service, port and binding of its portType', () => {
      const layout = wsdlChildren('service').map((service) => ({
        service: nameOf(service),
        ports: childElements(service, NS.wsdl, 'port').map((port) => ({
          port: nameOf(port),
          binding: port.attrs.binding,
          location: onlyChild(port, NS.soap, 'address')?.attrs.location,
        })),
      }));
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
          fieldNames(wrapperTypeName(op)),
          Object.keys(input.shape),
          `${op} request wrapper vs CONTRACT_OPERATIONS.${op}.input`,
        );
      });

      it(`${op}: the response's return, inherited fields included, holds the output fields`, () => {
        expectSameFields(
          fieldNames(returnTypeName(op)),
          Object.keys(output.shape),
          `${op} response return vs CONTRACT_OPERATIONS.${op}.output`,
        );
      });

      it(`${op}: every request and return field has the JAXB form of its zod type`, () => {
        expectJaxbForms(wrapperTypeName(op), input.shape);
        expectJaxbForms(returnTypeName(op), output.shape);
      });
    }

    it('puts the inherited commandResponse fields first in every result type', () => {
      const base = fieldNames('commandResponse');
      for (const op of OPERATIONS) {
        const fields = fieldNames(returnTypeName(op));
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
        expectSameFields(fieldNames(type), Object.keys(shape), `complexType ${type} vs ${schema}`);
        expectJaxbForms(type, shape);
      });
    }

    it('complexType event holds exactly the union of the three event schemas fields', () => {
      expectSameFields(fieldNames('event'), EVENT_KEYS, 'complexType event vs TvoxEvent options');
    });

    it('complexType event gives each event schema field its JAXB form', () => {
      for (const shape of EVENT_SHAPES) expectJaxbForms('event', shape);
    });

    it('simpleType commandResult enumerates CommandResult', () => {
      expect(enumerationValues('commandResult'), 'commandResult').to.deep.equal(
        CommandResult.options,
      );
    });

    it('simpleType sessionStatus enumerates SessionStatus (UNKNOW without the final E)', () => {
      expect(enumerationValues('sessionStatus'), 'sessionStatus').to.deep.equal(
        SessionStatus.options,
      );
      expect(enumerationValues('sessionStatus')).to.include('UNKNOW');
    });

    it('simpleType eventType enumerates the type literals of the TvoxEvent options', () => {
      expect(enumerationValues('eventType'), 'eventType').to.have.members(EVENT_TYPES);
    });
  });

  describe('WADL', () => {
    interface WadlMethod {
      id: string | undefined;
      verb: string | undefined;
      path: string;
      query: Record<string, string | undefined>;
      templates: string[];
      requestMedia: string[];
      responseMedia: string[];
    }

    function joinPath(segments: readonly string[]): string {
      const joined = `/${segments.join('/')}`.replace(/\/{2,}/g, '/');
      return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
    }

    function paramsOf(node: XmlNode, style: string): XmlNode[] {
      return childElements(node, NS.wadl, 'param').filter((param) => param.attrs.style === style);
    }

    function mediaTypes(method: XmlNode, direction: 'request' | 'response'): string[] {
      return childElements(method, NS.wadl, direction)
        .flatMap((node) => childElements(node, NS.wadl, 'representation'))
        .map((representation) => representation.attrs.mediaType ?? '');
    }

    /** Every method of the WADL with its full path (resource paths joined). */
    function wadlMethods(): WadlMethod[] {
      const methods: WadlMethod[] = [];
      const visit = (resource: XmlNode, segments: string[], templates: string[]): void => {
        const here = [...segments, resource.attrs.path ?? ''];
        const declared = [...templates, ...paramsOf(resource, 'template').map(nameOf)];
        for (const method of childElements(resource, NS.wadl, 'method')) {
          const request = childElements(method, NS.wadl, 'request');
          const query = [method, ...request].flatMap((node) => paramsOf(node, 'query'));
          methods.push({
            id: method.attrs.id,
            verb: method.attrs.name,
            path: joinPath(here),
            query: Object.fromEntries(query.map((param) => [nameOf(param), param.attrs.type])),
            templates: declared,
            requestMedia: mediaTypes(method, 'request'),
            responseMedia: mediaTypes(method, 'response'),
          });
        }
        for (const child of childElements(resource, NS.wadl, 'resource')) {
          visit(child, here, declared);
        }
      };
      for (const resources of childElements(wadl, NS.wadl, 'resources')) {
        for (const resource of childElements(resources, NS.wadl, 'resource')) {
          visit(resource, [], []);
        }
      }
      return methods;
    }

    it('is a WADL 2009/02 application with resources based at /mc/cxf/rest', () => {
      expect(isElement(wadl, NS.wadl, 'application'), 'root element').to.be.true;
      const bases = childElements(wadl, NS.wadl, 'resources').map((r) => r.attrs.base);
      expect(bases).to.deep.equal(['http://localhost:8080/mc/cxf/rest']);
    });

    it('has a method for each of the six commands and no other', () => {
      expect(wadlMethods().map((method) => method.id)).to.have.members([...COMMANDS]);
    });

    for (const command of COMMANDS) {
      const route = REST_ROUTES[command];

      it(`maps ${command} to exactly one ${route.verb} ${route.path}`, () => {
        const found = wadlMethods().filter((method) => method.id === command);
        expect(found, `methods with id ${command}`).to.have.lengthOf(1);
        expect({ verb: found[0]!.verb, path: found[0]!.path }, command).to.deep.equal({
          verb: route.verb,
          path: route.path,
        });
      });

      const queryNames = Object.keys(route.query);
      it(`${command} takes ${queryNames.length > 0 ? `query ${queryNames.join(', ')}` : 'no query params'}`, () => {
        const method = wadlMethods().find((m) => m.id === command);
        expect(method?.query, `${command} query params`).to.deep.equal(route.query);
      });

      it(`${command} declares every {template} of its path as a template param`, () => {
        const method = wadlMethods().find((m) => m.id === command);
        const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        expect(method?.templates, `${command} template params`).to.have.members(inPath);
      });

      it(`${command} speaks application/json`, () => {
        const method = wadlMethods().find((m) => m.id === command);
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
