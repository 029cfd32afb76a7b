import type { WSDL } from 'soap';

/**
 * The operations a WSDL offers, read from node soap's `client.describe()`: for each operation its
 * service and port, the namespace of its request wrapper, and the element trees of its request and
 * answer. node soap resolves imports, `xs:extension` and element forms; this only reshapes.
 */

/** An element tree: leaves are type names (`xs:string`); list elements' keys end in `[]`. */
export interface DescribedType {
  readonly [name: string]: DescribedType | string;
}

/** One operation of the WSDL. */
export interface WsdlOperation {
  readonly service: string;
  readonly port: string;
  readonly name: string;
  /** Namespace of the request wrapper element (the operation's namespace). */
  readonly namespace: string | undefined;
  /** Children of the request wrapper. */
  readonly input: DescribedType;
  /** The answer's content: the children of {@link outputWrapper} when there is one. */
  readonly output: DescribedType;
  /** The element the answer's fields are nested in (CXF's `return`), if any. */
  readonly outputWrapper: string | undefined;
}

/** Keys node soap adds to a described type that are not elements. */
const META_KEYS = new Set(['targetNSAlias', 'targetNamespace']);

function isTree(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the elements of a described type, recursively. */
function elements(value: unknown): DescribedType {
  if (!isTree(value)) return {};
  const out: Record<string, DescribedType | string> = {};
  for (const [key, child] of Object.entries(value)) {
    if (META_KEYS.has(key)) continue;
    if (typeof child === 'string') out[key] = child;
    else if (isTree(child)) out[key] = elements(child);
  }
  return out;
}

/** An answer whose only element is complex is nested in it (CXF's `<return>`). */
function unwrapOutput(output: DescribedType): { content: DescribedType; wrapper?: string } {
  const keys = Object.keys(output);
  const only = keys.length === 1 ? keys[0] : undefined;
  const inner = only === undefined ? undefined : output[only];
  if (only === undefined || only.endsWith('[]') || inner === undefined || typeof inner === 'string')
    return { content: output };
  return { content: inner, wrapper: only };
}

/** Reads node soap's `describe()` output (services → ports → operations). */
export function readOperations(description: unknown): WsdlOperation[] {
  const operations: WsdlOperation[] = [];
  if (!isTree(description)) return operations;
  for (const [service, ports] of Object.entries(description)) {
    if (!isTree(ports)) continue;
    for (const [port, methods] of Object.entries(ports)) {
      if (!isTree(methods)) continue;
      for (const [name, method] of Object.entries(methods)) {
        if (!isTree(method)) continue;
        const input = isTree(method.input) ? method.input : {};
        const { content, wrapper } = unwrapOutput(elements(method.output));
        operations.push({
          service,
          port,
          name,
          namespace: typeof input.targetNamespace === 'string' ? input.targetNamespace : undefined,
          input: elements(input),
          output: content,
          outputWrapper: wrapper,
        });
      }
    }
  }
  return operations;
}

/** Finds a complex type of the WSDL by its local name (an `xsi:type` subtype), as an element tree. */
export type SubtypeLookup = (name: string) => DescribedType | undefined;

/**
 * Looks complex types up in every schema of a WSDL: a type with `xs:extension` is described with
 * its base's elements first, the way node soap reads an element of that `xsi:type`.
 */
export function subtypeLookup(wsdl: WSDL): SubtypeLookup {
  return (name) => {
    for (const schema of Object.values(wsdl.definitions.schemas)) {
      const type = schema.complexTypes[name];
      if (type) return elements(type.description(wsdl.definitions, wsdl.definitions.xmlns ?? {}));
    }
    return undefined;
  };
}

/** Whether `tree` has the element at a dotted path (`[]` on list steps optional). */
export function hasPath(tree: DescribedType, path: string): boolean {
  let node: DescribedType | string | undefined = tree;
  for (const step of path.split('.')) {
    if (node === undefined || typeof node === 'string') return false;
    const key = step.replace(/\[\]$/, '');
    node = node[key] ?? node[`${key}[]`];
  }
  return node !== undefined;
}

/** Every element path of a tree, e.g. `contact.name`, `events[].sequence`. */
export function treePaths(tree: DescribedType, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    return typeof child === 'string' ? [path] : [path, ...treePaths(child, `${path}.`)];
  });
}
