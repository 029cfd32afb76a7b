/**
 * A published contract (WSDL + the XSD it imports, WADL) read for contract tests, with the lookups
 * they share (the rules every Java-first description follows are in `java-first-wsdl-rules.ts`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect } from 'chai';
import {
  childElements,
  descendantElements,
  onlyChild,
  parseXml,
  pathOf,
  resolveQName,
  type QName,
  type XmlNode,
} from '../xml-walk';

/** The namespaces of the description languages. */
export const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  xs: 'http://www.w3.org/2001/XMLSchema',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wadl: 'http://wadl.dev.java.net/2009/02',
} as const;

export const SOAP_HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';

/** XML Schema 1.0 built-in types (what `xs:` references may name). */
const XSD_BUILT_INS = new Set(
  (
    'anyType anySimpleType string normalizedString token language Name NCName NMTOKEN NMTOKENS ' +
    'ID IDREF IDREFS ENTITY ENTITIES boolean decimal integer nonPositiveInteger negativeInteger ' +
    'nonNegativeInteger positiveInteger long int short byte unsignedLong unsignedInt ' +
    'unsignedShort unsignedByte float double duration dateTime time date gYearMonth gYear ' +
    'gMonthDay gDay gMonth hexBinary base64Binary anyURI QName NOTATION'
  ).split(' '),
);

type DefinitionKind = 'type' | 'element' | 'message' | 'portType' | 'binding';

export const QNAME_ATTRIBUTES = [
  'type',
  'element',
  'base',
  'ref',
  'itemType',
  'message',
  'binding',
];

export function qnameText(name: QName): string {
  return `{${name.namespace ?? ''}}${name.local}`;
}

export function nameOf(node: XmlNode): string {
  const name = node.attrs.name;
  if (name === undefined) throw new Error(`${pathOf(node)} has no name`);
  return name;
}

export function named(nodes: readonly XmlNode[], name: string): XmlNode | undefined {
  return nodes.find((node) => node.attrs.name === name);
}

export function sequenceElements(node: XmlNode): XmlNode[] {
  const sequence = onlyChild(node, NS.xs, 'sequence');
  return sequence ? childElements(sequence, NS.xs, 'element') : [];
}

/** Which kind of definition a QName-valued attribute refers to, by the element it sits on. */
export function referenceKind(node: XmlNode, attr: string): DefinitionKind | undefined {
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

/** A method of a WADL with its full path (resource paths joined). */
export interface WadlMethod {
  readonly id: string | undefined;
  readonly verb: string | undefined;
  readonly path: string;
  readonly query: Record<string, string | undefined>;
  readonly templates: string[];
  readonly requestMedia: string[];
  readonly responseMedia: string[];
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

/** One profile's description files, parsed, with the lookups contract tests make. */
export class ContractDocuments {
  readonly wsdl: XmlNode;
  readonly xsd: XmlNode;
  readonly wadl: XmlNode;
  /** The file name the WSDL imports its schema by. */
  readonly xsdFile: string;
  /** The WSDL's target namespace. */
  readonly tns: string;

  constructor(
    readonly files: { readonly wsdl: string; readonly xsd: string; readonly wadl: string },
  ) {
    this.wsdl = parseXml(readFileSync(files.wsdl, 'utf8'), files.wsdl);
    this.xsd = parseXml(readFileSync(files.xsd, 'utf8'), files.xsd);
    this.wadl = parseXml(readFileSync(files.wadl, 'utf8'), files.wadl);
    this.xsdFile = basename(files.xsd);
    this.tns = this.wsdl.attrs.targetNamespace ?? '';
  }

  /** Every schema the WSDL sees: the imported XSD and whatever `wsdl:types` holds inline. */
  schemas(): XmlNode[] {
    const types = onlyChild(this.wsdl, NS.wsdl, 'types');
    const inline = types ? childElements(types, NS.xs, 'schema') : [];
    return [this.xsd, ...inline];
  }

  topLevel(kind: 'element' | 'complexType' | 'simpleType', local: string): XmlNode | undefined {
    for (const schema of this.schemas()) {
      if (schema.attrs.targetNamespace !== this.tns) continue;
      const found = named(childElements(schema, NS.xs, kind), local);
      if (found) return found;
    }
    return undefined;
  }

  complexType(local: string): XmlNode {
    const found = this.topLevel('complexType', local);
    if (!found) throw new Error(`the XSD has no complexType ${local}`);
    return found;
  }

  /** The tns type an element or attribute's `type=` names, or undefined for a built-in/anonymous. */
  tnsTypeOf(node: XmlNode, attr = 'type'): string | undefined {
    const value = node.attrs[attr];
    if (value === undefined) return undefined;
    const name = resolveQName(node, value);
    return name?.namespace === this.tns ? name.local : undefined;
  }

  /** The elements of a complexType's content, inherited ones first (through xs:extension). */
  fieldsOf(typeName: string): XmlNode[] {
    const type = this.complexType(typeName);
    const content = onlyChild(type, NS.xs, 'complexContent');
    if (content) {
      const extension = onlyChild(content, NS.xs, 'extension');
      if (!extension)
        throw new Error(`complexType ${typeName} has complexContent without extension`);
      const base = this.tnsTypeOf(extension, 'base');
      if (base === undefined) throw new Error(`complexType ${typeName} extends no tns type`);
      return [...this.fieldsOf(base), ...sequenceElements(extension)];
    }
    return sequenceElements(type);
  }

  fieldNames(typeName: string): string[] {
    return this.fieldsOf(typeName).map(nameOf);
  }

  /** The complexType of a wrapper element (`openSession`, `openSessionResponse`, ...). */
  wrapperTypeName(elementName: string): string {
    const element = this.topLevel('element', elementName);
    if (!element) throw new Error(`the XSD has no element ${elementName}`);
    const type = this.tnsTypeOf(element);
    if (type === undefined) throw new Error(`element ${elementName} has no tns type`);
    return type;
  }

  /** The type of the `return` child of an operation's response wrapper. */
  returnTypeName(operation: string): string {
    const fields = this.fieldsOf(this.wrapperTypeName(`${operation}Response`));
    expect(fields.map(nameOf), `${operation}Response wraps one "return"`).to.deep.equal(['return']);
    const type = this.tnsTypeOf(fields[0]!);
    if (type === undefined) throw new Error(`${operation}Response/return has no tns type`);
    return type;
  }

  enumerationValues(simpleTypeName: string): string[] {
    const type = this.topLevel('simpleType', simpleTypeName);
    if (!type) throw new Error(`the XSD has no simpleType ${simpleTypeName}`);
    return descendantElements(type, NS.xs, 'enumeration').map((e) => e.attrs.value ?? '');
  }

  wsdlChildren(local: string): XmlNode[] {
    return childElements(this.wsdl, NS.wsdl, local);
  }

  /** Every name defined by the WSDL and its schemas, as `{namespace}local` per kind. */
  definitions(): Record<DefinitionKind, Set<string>> {
    const defs: Record<DefinitionKind, Set<string>> = {
      type: new Set([...XSD_BUILT_INS].map((local) => qnameText({ namespace: NS.xs, local }))),
      element: new Set(),
      message: new Set(),
      portType: new Set(),
      binding: new Set(),
    };
    for (const schema of this.schemas()) {
      const namespace = schema.attrs.targetNamespace;
      for (const node of schema.children) {
        const name = node.attrs.name;
        if (node.namespace !== NS.xs || name === undefined) continue;
        const text = qnameText({ namespace, local: name });
        if (node.local === 'element') defs.element.add(text);
        if (node.local === 'complexType' || node.local === 'simpleType') defs.type.add(text);
      }
    }
    for (const kind of ['message', 'portType', 'binding'] as const) {
      for (const node of this.wsdlChildren(kind)) {
        defs[kind].add(qnameText({ namespace: this.tns, local: nameOf(node) }));
      }
    }
    return defs;
  }

  /** Where the bound SOAP operations are: binding operation → soap:operation. */
  boundOperations(): { binding: XmlNode; operation: XmlNode }[] {
    return this.wsdlChildren('binding').flatMap((binding) =>
      childElements(binding, NS.wsdl, 'operation').map((operation) => ({ binding, operation })),
    );
  }

  /** The element the single part of a WSDL message names. */
  messageElement(messageRef: XmlNode): QName | undefined {
    const ref = messageRef.attrs.message;
    const messageName = ref === undefined ? undefined : resolveQName(messageRef, ref);
    if (messageName?.namespace !== this.tns) return undefined;
    const message = named(this.wsdlChildren('message'), messageName.local);
    const part = message ? onlyChild(message, NS.wsdl, 'part') : undefined;
    const element = part?.attrs.element;
    return element === undefined ? undefined : resolveQName(part!, element);
  }

  /** The service → port → binding, address layout of the WSDL. */
  serviceLayout() {
    return this.wsdlChildren('service').map((service) => ({
      service: nameOf(service),
      ports: childElements(service, NS.wsdl, 'port').map((port) => ({
        port: nameOf(port),
        binding: port.attrs.binding,
        location: onlyChild(port, NS.soap, 'address')?.attrs.location,
      })),
    }));
  }

  /** Every method of the WADL with its full path (resource paths joined). */
  wadlMethods(): WadlMethod[] {
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
    for (const resources of childElements(this.wadl, NS.wadl, 'resources')) {
      for (const resource of childElements(resources, NS.wadl, 'resource')) {
        visit(resource, [], []);
      }
    }
    return methods;
  }
}
