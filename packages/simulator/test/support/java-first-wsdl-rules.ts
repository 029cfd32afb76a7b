/**
 * The rules every Java-first CXF description follows, as one reusable suite over a profile's
 * published WSDL and XSD.
 */
import { expect } from 'chai';
import {
  ContractDocuments,
  NS,
  QNAME_ATTRIBUTES,
  nameOf,
  qnameText,
  referenceKind,
  SOAP_HTTP_TRANSPORT,
} from './contract-documents';
import {
  childElements,
  descendantElements,
  descendants,
  onlyChild,
  pathOf,
  resolveQName,
} from '../xml-walk';

/**
 * The rules independent SOAP stacks enforce and a Java-first CXF service follows, as one suite
 * for any profile's WSDL and XSD: references resolve, one target namespace, the schema imported
 * (not inline), wrapper naming, `parameters` parts, empty soapAction, document/literal,
 * `wsam:Action` on every input and output, unqualified wrapper children.
 */
export function describeJavaFirstWsdlRules(docs: ContractDocuments): void {
  describe('WSDL and XSD follow the rules independent SOAP stacks enforce', () => {
    it('resolves every QName reference (type, element, base, message, binding) to a definition', () => {
      const defs = docs.definitions();
      const unresolved: string[] = [];
      for (const [source, root] of [
        ['wsdl', docs.wsdl],
        ['xsd', docs.xsd],
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
      const namespaces = [docs.xsd, ...descendantElements(docs.xsd, NS.xs, 'schema')].map(
        (schema) => schema.attrs.targetNamespace,
      );
      expect(namespaces, 'XSD targetNamespaces').to.deep.equal([docs.tns]);
      expect(docs.xsd.attrs.version, 'XSD version').to.equal('1.0');
    });

    it(`imports the schema from ${docs.xsdFile} instead of declaring it inline`, () => {
      const types = onlyChild(docs.wsdl, NS.wsdl, 'types');
      const inline = types ? childElements(types, NS.xs, 'schema') : [];
      expect(inline, 'one xs:schema in wsdl:types').to.have.lengthOf(1);
      const imports = inline[0]!.children.map((child) => ({ name: child.local, ...child.attrs }));
      expect(imports).to.deep.equal([
        { name: 'import', namespace: docs.tns, schemaLocation: docs.xsdFile },
      ]);
    });

    it('names each input element like its operation and each output element name+"Response"', () => {
      const wrong: string[] = [];
      for (const portType of docs.wsdlChildren('portType')) {
        for (const operation of childElements(portType, NS.wsdl, 'operation')) {
          const op = nameOf(operation);
          for (const [direction, expected] of [
            ['input', op],
            ['output', `${op}Response`],
          ] as const) {
            const ref = onlyChild(operation, NS.wsdl, direction);
            const element = ref ? docs.messageElement(ref) : undefined;
            if (element?.namespace !== docs.tns || element.local !== expected) {
              wrong.push(`${op} ${direction}: ${element ? qnameText(element) : 'none'}`);
            }
          }
        }
      }
      expect(wrong, 'operations whose wrapper elements are misnamed').to.deep.equal([]);
    });

    it('names every message part "parameters" and gives each message exactly one part', () => {
      const wrong = docs
        .wsdlChildren('message')
        .map((message) => ({
          message: nameOf(message),
          parts: childElements(message, NS.wsdl, 'part').map(nameOf),
        }))
        .filter(({ parts }) => parts.join() !== 'parameters');
      expect(wrong, 'messages whose parts are not a single "parameters"').to.deep.equal([]);
    });

    it('declares every soapAction empty', () => {
      const wrong = docs
        .boundOperations()
        .map(({ binding, operation }) => ({
          operation: `${nameOf(binding)}/${nameOf(operation)}`,
          soapAction: onlyChild(operation, NS.soap, 'operation')?.attrs.soapAction,
        }))
        .filter(({ soapAction }) => soapAction !== '');
      expect(wrong, 'bound operations with a non-empty or missing soapAction').to.deep.equal([]);
    });

    it('binds every operation as SOAP 1.1 document/literal over HTTP', () => {
      const wrong: string[] = [];
      for (const binding of docs.wsdlChildren('binding')) {
        const soapBinding = onlyChild(binding, NS.soap, 'binding');
        if (
          soapBinding?.attrs.style !== 'document' ||
          soapBinding.attrs.transport !== SOAP_HTTP_TRANSPORT
        ) {
          wrong.push(`${nameOf(binding)}: soap:binding`);
        }
      }
      for (const { binding, operation } of docs.boundOperations()) {
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
      for (const portType of docs.wsdlChildren('portType')) {
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
            const expected = `${docs.tns}${nameOf(portType)}/${op}${suffix}`;
            if (action !== expected) wrong.push(`${op} ${direction}: ${action ?? 'none'}`);
          }
        }
      }
      expect(wrong, 'operations with a missing or unexpected wsam:Action').to.deep.equal([]);
    });

    it('keeps wrapper children unqualified (elementFormDefault absent or "unqualified")', () => {
      const qualified = docs
        .schemas()
        .flatMap((schema) => [schema, ...descendantElements(schema, NS.xs, 'schema')])
        .filter((schema) => !['unqualified', undefined].includes(schema.attrs.elementFormDefault))
        .map((schema) => `${schema === docs.xsd ? docs.xsdFile : 'WSDL'}: ${pathOf(schema)}`);
      expect(qualified, 'schemas with qualified elements').to.deep.equal([]);
    });
  });
}
