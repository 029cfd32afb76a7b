import { XMLParser } from 'fast-xml-parser';
import type { XmlElement, XmlNode } from './xml-mapping.js';

/** Namespace declarations in scope: prefix (`''` for the default namespace) → URI. */
type Scope = ReadonlyMap<string, string>;

// The same reading as the envelope parser's, but with prefixes kept so namespaces can be resolved.
const parser = new XMLParser({
  removeNSPrefix: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

function asElement(node: XmlNode): XmlElement | undefined {
  return typeof node === 'object' && !Array.isArray(node) ? node : undefined;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The scope inside `node`: the inherited one plus the `xmlns` attributes `node` declares. */
function scopeIn(node: XmlNode, inherited: Scope): Scope {
  const declared = Object.entries(asElement(node) ?? {}).filter(
    ([key]) => key === '@_xmlns' || key.startsWith('@_xmlns:'),
  );
  if (declared.length === 0) return inherited;
  const scope = new Map(inherited);
  for (const [key, value] of declared) {
    scope.set(
      key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length),
      typeof value === 'string' ? value : '',
    );
  }
  return scope;
}

/** The namespace of an element named `name` (prefix and all) in `scope`; `''` is none. */
function namespaceOf(name: string, scope: Scope): string {
  const colon = name.indexOf(':');
  return scope.get(colon < 0 ? '' : name.slice(0, colon)) ?? '';
}

/** An element found by its local name: the name as written, its content, the scope inside it. */
interface Found {
  readonly name: string;
  readonly node: XmlElement;
  readonly scope: Scope;
}

/** The child of `node` whose local name is `local` (an empty element reads as no children). */
function child(node: XmlElement | undefined, local: string, scope: Scope): Found | undefined {
  const name = Object.keys(node ?? {}).find(
    (key) => !key.startsWith('@_') && localName(key) === local,
  );
  if (name === undefined) return undefined;
  const found = asElement(node?.[name]) ?? {};
  return { name, node: found, scope: scopeIn(found, scope) };
}

/** An operation element read namespace-aware. */
export interface QualifiedWrapper {
  /** The operation element's own namespace (`''` for none). */
  readonly namespace: string;
  /** Its children in no namespace, by name. */
  readonly children: XmlElement;
}

/**
 * The operation element of a SOAP request with only its children in no namespace, as a JAXB
 * wrapper with unqualified children reads it: a child in a namespace (a prefixed one, or a
 * default namespace in scope) is not the element the schema declares, and CXF silently drops it.
 * Children keep their content as written. `xml` is an envelope `parseSoapEnvelope` has accepted.
 */
export function unqualifiedWrapper(xml: string, operation: string): QualifiedWrapper {
  const root = parser.parse(xml, true) as XmlElement;
  const envelope = child(root, 'Envelope', new Map());
  const body = envelope && child(envelope.node, 'Body', envelope.scope);
  const wrapper = body && child(body.node, operation, body.scope);
  if (!wrapper) return { namespace: '', children: {} };
  const children: XmlElement = {};
  for (const [name, value] of Object.entries(wrapper.node)) {
    if (name.startsWith('@_') || name === '#text') continue;
    const instances = (Array.isArray(value) ? value : [value]).filter(
      (instance) => namespaceOf(name, scopeIn(instance, wrapper.scope)) === '',
    );
    if (instances.length > 0) children[name] = instances.length === 1 ? instances[0] : instances;
  }
  return { namespace: namespaceOf(wrapper.name, wrapper.scope), children };
}
