import type { ContractCommand } from '@tvox-connector/core';

/**
 * How a command travels over HTTP: verb and path, which input fields fill the path's templates
 * and the query string; every other field is the JSON body (for POST).
 */
export interface RestBinding {
  readonly verb: 'GET' | 'POST';
  /** Path below `/mc/cxf/rest`, with `{template}` parameters. */
  readonly path: string;
  /** Template parameter → input field. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query parameter → input field. */
  readonly queryParams: Readonly<Record<string, string>>;
}

/** The REST mapping of the reference contract "tvox-mc v1". */
export const REFERENCE_BINDINGS: Readonly<Record<ContractCommand, RestBinding>> = {
  openSession: { verb: 'POST', path: '/sessions', pathParams: {}, queryParams: {} },
  sendMessage: {
    verb: 'POST',
    path: '/sessions/{id}/messages',
    pathParams: { id: 'sessionId' },
    queryParams: {},
  },
  closeSession: {
    verb: 'POST',
    path: '/sessions/{id}/close',
    pathParams: { id: 'sessionId' },
    queryParams: {},
  },
  getSessionStatus: {
    verb: 'GET',
    path: '/sessions/{id}/status',
    pathParams: { id: 'sessionId' },
    queryParams: { connector: 'connectorCode' },
  },
  pollEvents: {
    verb: 'GET',
    path: '/events',
    pathParams: {},
    queryParams: { connector: 'connectorCode', after: 'afterSequence', max: 'max' },
  },
  ackEvents: { verb: 'POST', path: '/events/ack', pathParams: {}, queryParams: {} },
};

/**
 * The binding of a command in a release: a path or query parameter carrying a field the map
 * renames takes the field's release name (`afterSequence: since` makes the query `?since=`).
 */
export function bindingFor(
  reference: RestBinding,
  renames: Readonly<Record<string, string>>,
): RestBinding {
  const rename = (params: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(params).map(([param, field]) => [renames[field] ?? param, field]),
    );
  return {
    ...reference,
    pathParams: rename(reference.pathParams),
    queryParams: rename(reference.queryParams),
  };
}

/** The six commands, in contract order. */
export const COMMANDS = Object.keys(REFERENCE_BINDINGS) as ContractCommand[];
