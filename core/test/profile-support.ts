import {
  ContractProfile,
  compileProfile,
  type CompiledOperation,
  type CompiledProfile,
  type ConnectorCommand,
} from '@tvox-connector/core';

/** Validates and compiles a profile written as an object; throws with every issue otherwise. */
export function compiled(input: unknown): CompiledProfile {
  const result = compileProfile(ContractProfile.parse(input));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.profile;
}

/** The compiled operation of `command` in `profile`; throws when the profile has none. */
export function operationOf(
  profile: CompiledProfile,
  command: ConnectorCommand,
): CompiledOperation {
  const operation = profile.operations[command];
  if (!operation) throw new Error(`the profile has no ${command}`);
  return operation;
}
