import { NotifyEventsInput, releaseOperationName, type OperationMap } from '@tvox-connector/core';
import { fieldPaths } from '../contract/schema-shape.js';
import { releasePaths } from '../contract/release-paths.js';
import type { WsdlOperation } from '../wsdl/wsdl-operations.js';
import type { PushNames } from './soap-push-codec.js';

/** Target namespace of the reference contract "tvox-mc v1". */
export const REFERENCE_NAMESPACE = 'http://mc.tvox-connector.org/';

/** What the loaded WSDL says about namespaces, for {@link pushNames}. */
export interface WsdlNamespaces {
  /** The namespace of the commands' operations. */
  readonly commands: string | undefined;
  /** Whether the schema of a namespace qualifies its wrapper children. */
  readonly qualified: (namespace: string) => boolean;
}

const NO_WSDL: WsdlNamespaces = { commands: undefined, qualified: () => false };

/**
 * How pushes are named for a map: the callback operation's release name, the namespace to answer
 * in (the map's, else the callback's in the WSDL, else the commands', else the reference) and
 * whether its schema qualifies children, the answer's wrapper as the WSDL describes it (`return`
 * when the WSDL has no callback), and where the request's lists are under the map's renames.
 */
export function pushNames(
  map: OperationMap,
  operations: readonly WsdlOperation[] = [],
  wsdl: WsdlNamespaces = NO_WSDL,
): PushNames {
  const operation = releaseOperationName(map, 'notifyEvents');
  const described = operations.find((o) => o.name === operation);
  const renames = map.operations.notifyEvents;
  const lists = fieldPaths(NotifyEventsInput).filter((f) => f.list);
  const where = releasePaths(
    lists.map((f) => f.path),
    renames.input,
  );
  const namespace = map.namespace ?? described?.namespace ?? wsdl.commands ?? REFERENCE_NAMESPACE;
  return {
    operation,
    namespace,
    qualified: wsdl.qualified(namespace),
    outputWrapper: described ? described.outputWrapper : 'return',
    renames: { input: renames.input, output: renames.output },
    lists: lists.map((f) => where.get(f.path) ?? f.path),
  };
}
