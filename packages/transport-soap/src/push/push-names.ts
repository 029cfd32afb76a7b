import type { CompiledFailure, CompiledOperation } from '@tvox-connector/core';
import type { WsdlOperation } from '../wsdl/wsdl-operations.js';
import type { PushNames } from './soap-push-codec.js';

/** Target namespace of the project's relay contract, for a callback the WSDL does not describe. */
export const RELAY_NAMESPACE = 'http://mc.tvox-connector.org/';

/** What the loaded WSDL says about namespaces, for {@link pushNames}. */
export interface WsdlNamespaces {
  /** The namespace of the commands' operations. */
  readonly commands: string | undefined;
  /** Whether the schema of a namespace qualifies its wrapper children. */
  readonly qualified: (namespace: string) => boolean;
}

const NO_WSDL: WsdlNamespaces = { commands: undefined, qualified: () => false };

const DEFAULT_FAILURE: CompiledFailure = {
  result: 'result',
  code: 'errorCode',
  message: 'errorMessage',
  codes: {},
};

/**
 * How pushes are named: the callback operation's name from the profile, the namespace to answer
 * in (the profile's, else the callback's in the WSDL, else the commands', else the relay
 * contract's) and whether its schema qualifies children, the answer's wrapper as the WSDL
 * describes it (`return` when the WSDL has no callback), and the answer's outcome field.
 */
export function pushNames(
  operation: CompiledOperation | undefined,
  described: WsdlOperation | undefined,
  profileNamespace: string | undefined,
  wsdl: WsdlNamespaces = NO_WSDL,
): PushNames {
  const namespace = profileNamespace ?? described?.namespace ?? wsdl.commands ?? RELAY_NAMESPACE;
  return {
    operation: operation?.name ?? 'notifyEvents',
    namespace,
    qualified: wsdl.qualified(namespace),
    outputWrapper: described ? described.outputWrapper : 'return',
    failure: operation?.failure ?? DEFAULT_FAILURE,
  };
}
