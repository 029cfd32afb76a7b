import { XMLParser } from 'fast-xml-parser';

/** One method a WADL describes. */
export interface WadlMethod {
  /** The method's `id` (the Java method name in a CXF WADL), if it has one. */
  readonly id?: string;
  /** HTTP verb. */
  readonly verb: string;
  /** Full path below the resources base, starting with `/`, with `{param}` templates. */
  readonly path: string;
  /** Template parameter names in the path. */
  readonly templateParams: readonly string[];
  /** Query parameter names. */
  readonly queryParams: readonly string[];
}

/** A WADL, read: the resources base and every method. */
export interface Wadl {
  readonly base: string;
  readonly methods: readonly WadlMethod[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['resources', 'resource', 'method', 'param'].includes(name),
});

const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);
const attribute = (node: Node, name: string): string | undefined =>
  typeof node[name] === 'string' ? node[name] : undefined;

function joinPath(parent: string, child: string): string {
  const joined = `${parent.replace(/\/$/, '')}/${child.replace(/^\//, '')}`;
  return joined === '/' ? '/' : joined.replace(/\/$/, '');
}

function paramsOf(node: Node | undefined, style: string): string[] {
  return list(node?.param)
    .filter((p) => attribute(p, 'style') === style)
    .flatMap((p) => attribute(p, 'name') ?? []);
}

function walk(resource: Node, parentPath: string, inherited: readonly string[]): WadlMethod[] {
  const path = joinPath(parentPath, attribute(resource, 'path') ?? '');
  const template = [...inherited, ...paramsOf(resource, 'template')];
  const query = paramsOf(resource, 'query');
  const methods = list(resource.method).map((method): WadlMethod => {
    const request = (method.request ?? undefined) as Node | undefined;
    const id = attribute(method, 'id');
    return {
      ...(id === undefined ? {} : { id }),
      verb: (attribute(method, 'name') ?? 'GET').toUpperCase(),
      path,
      templateParams: template,
      queryParams: [...query, ...paramsOf(request, 'query')],
    };
  });
  return [...methods, ...list(resource.resource).flatMap((child) => walk(child, path, template))];
}

/**
 * Reads a WADL document: every method with its verb, full path, template and query parameters.
 * Throws when the text is not a WADL application.
 */
export function readWadl(xml: string): Wadl {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('the WADL contains a DTD, which is refused');
  const tree = parser.parse(xml) as Node;
  const application = tree.application as Node | undefined;
  const resources = list(application?.resources)[0];
  if (!application || !resources) throw new Error('not a WADL document (no application/resources)');
  return {
    base: attribute(resources, 'base') ?? '',
    methods: list(resources.resource).flatMap((resource) => walk(resource, '/', [])),
  };
}
