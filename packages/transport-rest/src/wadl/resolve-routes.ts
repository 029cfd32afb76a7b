import {
  releaseOperationName,
  type ContractCommand,
  type ContractGap,
  type OperationMap,
} from '@tvox-connector/core';
import { COMMANDS, REFERENCE_BINDINGS, bindingFor, type RestBinding } from '../rest-bindings.js';
import type { Wadl } from './read-wadl.js';

/** Where each command goes on this TVox, or every gap that prevents it. */
export type RouteResolution =
  | { readonly ok: true; readonly routes: Readonly<Record<ContractCommand, RestBinding>> }
  | { readonly ok: false; readonly gaps: readonly ContractGap[] };

/**
 * Finds each command's method in the WADL by its `id` (the operation name the map gives), and
 * checks that the path templates and query parameters the command fills exist there (under the
 * names the map gives their fields, if it renames them).
 */
export function resolveRoutes(wadl: Wadl, map: OperationMap): RouteResolution {
  const gaps: ContractGap[] = [];
  const routes: Partial<Record<ContractCommand, RestBinding>> = {};
  for (const command of COMMANDS) {
    const reference = bindingFor(REFERENCE_BINDINGS[command], map.operations[command].input);
    const expected = releaseOperationName(map, command);
    const method = wadl.methods.find((m) => m.id === expected);
    if (!method) {
      gaps.push({ kind: 'operation', command, expected });
      continue;
    }
    for (const param of Object.keys(reference.pathParams)) {
      if (!method.templateParams.includes(param))
        gaps.push({ kind: 'field', command, expected: `{${param}} in ${method.path}` });
    }
    for (const param of Object.keys(reference.queryParams)) {
      if (!method.queryParams.includes(param))
        gaps.push({ kind: 'field', command, expected: `?${param}` });
    }
    if (method.verb !== 'GET' && method.verb !== 'POST') {
      gaps.push({
        kind: 'operation',
        command,
        expected: `${expected} as GET or POST (found ${method.verb})`,
      });
      continue;
    }
    routes[command] = { ...reference, verb: method.verb, path: method.path };
  }
  return gaps.length > 0
    ? { ok: false, gaps }
    : { ok: true, routes: routes as Record<ContractCommand, RestBinding> };
}
