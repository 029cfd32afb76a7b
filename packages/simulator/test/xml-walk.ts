/**
 * A small namespace-aware view of an XML document for contract tests: fast-xml-parser reads the
 * text (in document order), and this turns its output into a tree of elements whose names and
 * QName attribute values resolve against the namespace declarations in scope.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A namespace-qualified name. `namespace` is undefined for a name in no namespace. */
export interface QName {
  readonly namespace: string | undefined;
  readonly local: string;
}

/** One element of a parsed document. */
export interface XmlNode {
  /** The name as written, e.g. `xs:element`. */
  readonly name: string;
  /** The element's namespace, resolved from its prefix (or the default namespace). */
  readonly namespace: string | undefined;
  /** The name without its prefix, e.g. `element`. */
  readonly local: string;
  /** Attributes as written (prefixed names kept), values unparsed. */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlNode[];
  /** The element's own text, trimmed and concatenated. */
  readonly text: string;
  /** Namespace declarations in scope: prefix (`''` for the default namespace) → URI. */
  readonly scope: ReadonlyMap<string, string>;
  readonly parent: XmlNode | undefined;
}

interface MutableNode extends XmlNode {
  readonly children: XmlNode[];
  text: string;
}

const ATTRS_KEY = ':@';
const TEXT_KEY = '#text';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon < 0
    ? { prefix: '', local: name }
    : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function readAttrs(item: Record<string, unknown>): Record<string, string> {
  const raw = item[ATTRS_KEY];
  const attrs: Record<string, string> = {};
  if (isRecord(raw)) {
    for (const [key, value] of Object.entries(raw)) attrs[key] = scalarText(value);
  }
  return attrs;
}

function scopeOf(attrs: Record<string, string>, inherited: ReadonlyMap<string, string>) {
  const scope = new Map(inherited);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice('xmlns:'.length), value);
  }
  return scope;
}

function buildChildren(items: unknown, parent: MutableNode): void {
  if (!Array.isArray(items)) return;
  for (const item of items as unknown[]) {
    if (!isRecord(item)) continue;
    const name = Object.keys(item).find((key) => key !== ATTRS_KEY);
    if (name === undefined) continue;
    if (name === TEXT_KEY) {
      parent.text += scalarText(item[TEXT_KEY]);
      continue;
    }
    if (name.startsWith('#') || name.startsWith('?')) continue;
    const node = buildElement(name, item, parent.scope, parent);
    parent.children.push(node);
  }
}

function buildElement(
  name: string,
  item: Record<string, unknown>,
  inherited: ReadonlyMap<string, string>,
  parent: XmlNode | undefined,
): MutableNode {
  const attrs = readAttrs(item);
  const scope = scopeOf(attrs, inherited);
  const { prefix, local } = splitName(name);
  const node: MutableNode = {
    name,
    namespace: scope.get(prefix),
    local,
    attrs,
    children: [],
    text: '',
    scope,
    parent,
  };
  buildChildren(item[name], node);
  return node;
}

/** Parses a well-formed XML document and returns its root element; throws on malformed XML. */
export function parseXml(xml: string, source = 'document'): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { code, msg, line, col } = valid.err;
    throw new Error(`${source} is not well-formed XML (${code} at ${line}:${col}): ${msg}`);
  }
  const parsed: unknown = parser.parse(xml);
  const items: unknown[] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const name = Object.keys(item).find((key) => key !== ATTRS_KEY);
    if (name !== undefined && !name.startsWith('#') && !name.startsWith('?')) {
      return buildElement(name, item, new Map(), undefined);
    }
  }
  throw new Error(`${source} has no root element`);
}

/**
 * Resolves a QName written in an attribute value (`tns:contact`, `xs:string`) against the
 * namespaces in scope at `node`. An unprefixed name takes the default namespace, as XML Schema and
 * WSDL do. Returns undefined when the prefix is not declared.
 */
export function resolveQName(node: XmlNode, qname: string): QName | undefined {
  const { prefix, local } = splitName(qname.trim());
  const namespace = node.scope.get(prefix);
  if (prefix !== '' && namespace === undefined) return undefined;
  return { namespace, local };
}

/** Whether `node` is the element `{namespace}local`. */
export function isElement(node: XmlNode, namespace: string, local: string): boolean {
  return node.namespace === namespace && node.local === local;
}

/** The child elements `{namespace}local` of `node`. */
export function childElements(node: XmlNode, namespace: string, local: string): XmlNode[] {
  return node.children.filter((child) => isElement(child, namespace, local));
}

/** The only child element `{namespace}local` of `node`, or undefined when there is none or several. */
export function onlyChild(node: XmlNode, namespace: string, local: string): XmlNode | undefined {
  const found = childElements(node, namespace, local);
  return found.length === 1 ? found[0] : undefined;
}

/** Every element below `node` (not `node` itself), depth first in document order. */
export function descendants(node: XmlNode): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (current: XmlNode): void => {
    for (const child of current.children) {
      found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}

/** Every element `{namespace}local` below `node`, depth first in document order. */
export function descendantElements(node: XmlNode, namespace: string, local: string): XmlNode[] {
  return descendants(node).filter((child) => isElement(child, namespace, local));
}

/** The elements from the root down to `node`, as `a/b[@name=x]/c`, for assertion messages. */
export function pathOf(node: XmlNode): string {
  const steps: string[] = [];
  for (let current: XmlNode | undefined = node; current; current = current.parent) {
    const name = current.attrs.name;
    steps.unshift(name === undefined ? current.name : `${current.name}[@name=${name}]`);
  }
  return steps.join('/');
}
