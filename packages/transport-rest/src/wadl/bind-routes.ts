import type {
  ProfileBinding,
  CompiledOperation,
  CompiledProfile,
  ConnectorCommand,
  ContractGap,
  RestPlacement,
} from '@tvox-connector/core';
import type { Wadl, WadlMethod } from './read-wadl.js';

/** How one operation travels over HTTP, resolved from the WADL and the profile. */
export interface RestRoute {
  readonly verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path below the TVox origin, with `{param}` templates. */
  readonly path: string;
  /** Path template parameter → the request field filling it. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Request field → the query parameter it travels as. */
  readonly queryParams: Readonly<Record<string, string>>;
  /** Whether the remaining fields travel as a JSON body. */
  readonly body: boolean;
}

/** What binding a profile to a WADL (or to the profile alone) found: each operation's route. */
export type RouteBinding = ProfileBinding<RestRoute>;

const VERBS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

function joinPath(base: string, path: string): string {
  const joined = `/${base}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * The resources base of a WADL as a path below the TVox URL. CXF writes it as an absolute URL
 * built from the Host it was asked with (an internal name, behind a proxy): only the part from
 * `/mc/cxf/` on is kept.
 */
function basePath(base: string): string {
  const path = /^https?:\/\//i.test(base) ? new URL(base).pathname : base;
  const at = path.indexOf('/mc/cxf/');
  return at >= 0 ? path.slice(at) : path;
}

/** Top-level request fields of an operation (query and path parameters carry these). */
function topFields(operation: CompiledOperation): Map<string, RestPlacement | undefined> {
  const fields = new Map<string, RestPlacement | undefined>();
  for (const field of operation.request) {
    const top = field.path.split('.')[0] ?? field.path;
    const nested = top !== field.path || field.path.includes('[]');
    fields.set(top, field.placement ?? (nested ? 'body' : fields.get(top)));
  }
  return fields;
}

function templatesOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

/**
 * Resolves one operation: its verb and path (the WADL's method with the operation's id, else the
 * profile's `rest`), which field fills each path template, which travel in the query (the
 * profile's `in:`, a `params` entry, a query parameter the WADL names, or every field of a GET)
 * and whether the rest is a JSON body. Returns the gaps it finds instead when it cannot.
 */
function resolveRoute(
  operation: CompiledOperation,
  method: WadlMethod | undefined,
  base: string,
): { route?: RestRoute; gaps: ContractGap[] } {
  const gaps: ContractGap[] = [];
  const gap = (expected: string) =>
    gaps.push({ kind: 'field', command: operation.command, expected });
  const verb = (method?.verb ?? operation.rest?.verb ?? '').toUpperCase();
  const relative = method?.path ?? operation.rest?.path;
  if (relative === undefined || !VERBS.has(verb)) {
    return {
      gaps: [
        {
          kind: 'operation',
          command: operation.command,
          expected:
            relative === undefined
              ? `${operation.name} (no WADL method with this id, and no rest binding in the profile)`
              : `${operation.name} as GET, POST, PUT or DELETE (found ${verb})`,
        },
      ],
    };
  }
  const params = operation.rest?.params ?? {};
  const fieldFor = (param: string): string => params[param] ?? param;
  const fields = topFields(operation);
  const pathParams: Record<string, string> = {};
  for (const param of method?.templateParams ?? templatesOf(relative)) {
    const field = fieldFor(param);
    if (!fields.has(field)) gap(`{${param}} in ${relative}: the profile sends no field "${field}"`);
    pathParams[param] = field;
  }
  const wadlQuery = new Set(method?.queryParams ?? []);
  const queryOf = new Map(
    Object.entries(params)
      .filter(([param]) => !(param in pathParams))
      .map(([param, field]) => [field, param]),
  );
  const inPath = new Set(Object.values(pathParams));
  const queryParams: Record<string, string> = {};
  let body = false;
  for (const [field, placement] of fields) {
    if (inPath.has(field) || placement === 'path') continue;
    const param = queryOf.get(field) ?? field;
    const inQuery =
      placement === 'query' ||
      (placement === undefined && (queryOf.has(field) || wadlQuery.has(param) || verb === 'GET'));
    if (!inQuery) {
      body = true;
      continue;
    }
    if (method !== undefined && !wadlQuery.has(param))
      gap(`?${param} (for the field "${field}") in ${verb} ${method.path}`);
    queryParams[field] = param;
  }
  if (body && verb === 'GET')
    gap(`${operation.name}: a GET carries no body; put its fields in the query`);
  return {
    route: {
      verb: verb as RestRoute['verb'],
      path: joinPath(base, relative),
      pathParams,
      queryParams,
      body,
    },
    gaps,
  };
}

/** A path's shape: template names do not matter (`/sessions/{}/close`). */
function shapeOf(path: string): string {
  return `/${path}`
    .replace(/\/{2,}/g, '/')
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/\/$/, '');
}

/** The last step of a path that is not a template: what CXF takes from the method's `@Path`. */
export function lastStep(path: string): string | undefined {
  return path
    .split('/')
    .filter((step) => step !== '' && !step.startsWith('{'))
    .at(-1);
}

/**
 * The WADL method of an operation: the one whose `id` is the operation's name, else (CXF writes
 * no ids unless told to) the one without an id at the profile's REST path and verb, or whose last
 * path step is the operation's name.
 */
function findMethod(wadl: Wadl, operation: CompiledOperation): WadlMethod | undefined {
  const byId = wadl.methods.find((m) => m.id === operation.name);
  if (byId) return byId;
  const anonymous = wadl.methods.filter((m) => m.id === undefined);
  const rest = operation.rest;
  const atPath = rest
    ? anonymous.filter((m) => m.verb === rest.verb && shapeOf(m.path) === shapeOf(rest.path))
    : [];
  const named = anonymous.filter((m) => lastStep(m.path) === operation.name);
  const [only, ...others] = atPath.length > 0 ? atPath : named;
  return only !== undefined && others.length === 0 ? only : undefined;
}

/**
 * Binds a profile's operations to a WADL (method ids are operation names) or, without one, to the
 * profile's own `rest` bindings. A guessed operation the WADL lacks is dropped (the release runs
 * without it); anything else missing is a gap, all listed at once.
 */
export function bindRoutes(
  profile: CompiledProfile,
  wadl: Wadl | undefined,
  urlPrefix: string,
): RouteBinding {
  const base = joinPath(urlPrefix, wadl === undefined ? profile.restBase : basePath(wadl.base));
  const gaps: ContractGap[] = [];
  const operations: Partial<Record<ConnectorCommand, CompiledOperation>> = {};
  const routes = new Map<ConnectorCommand, RestRoute>();
  const dropped: string[] = [];
  for (const [command, operation] of Object.entries(profile.operations) as [
    ConnectorCommand,
    CompiledOperation,
  ][]) {
    if (command === 'notifyEvents') {
      operations[command] = operation;
      continue;
    }
    const method = wadl === undefined ? undefined : findMethod(wadl, operation);
    if (wadl !== undefined && method === undefined) {
      if (operation.guess) dropped.push(operation.name);
      else gaps.push({ kind: 'operation', command, expected: operation.name });
      continue;
    }
    const resolved = resolveRoute(operation, method, base);
    gaps.push(...resolved.gaps);
    if (resolved.route) {
      routes.set(command, resolved.route);
      operations[command] = operation;
    }
  }
  return gaps.length > 0
    ? { ok: false, gaps }
    : { ok: true, operations, bindings: routes, dropped };
}
