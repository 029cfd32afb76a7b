import {
  CONTRACT_OPERATIONS,
  formatIssues,
  validate,
  type CommandOutput,
  type ContractCommand,
} from '@tvox-connector/core';
import type { ConnectorCommands } from '../engine/connector-commands.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import { withWireEvents } from '../wire/wire-events.js';
import { admit, type Caller } from './connector-auth.js';

/** The outcome of one call, for the REST or SOAP layer to write out. */
export type CommandOutcome<Output = CommandOutput> =
  | { readonly kind: 'answer'; readonly output: Output }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'unauthenticated' };

/** Whether `name` is one of the six commands a connector may call. */
export function isCommand(name: string): name is ContractCommand {
  return name in CONTRACT_OPERATIONS && name !== 'notifyEvents';
}

/**
 * Runs one command for either technology: validates the input against the contract schema,
 * checks the caller may act as the input's connector, then lets the engine answer, its events as
 * the wire carries them.
 */
export function runCommand(
  state: SimulatorState,
  commands: ConnectorCommands,
  command: ContractCommand,
  input: unknown,
  caller: Caller,
): CommandOutcome {
  if (caller.kind === 'denied') return { kind: 'unauthenticated' };
  const checked = validate(CONTRACT_OPERATIONS[command].input, input);
  if (!checked.ok)
    return {
      kind: 'invalid',
      message: `invalid ${command} request:\n${formatIssues(checked.issues)}`,
    };
  const admission = admit(state, caller, checked.value.connectorCode);
  if (admission === 'unauthenticated') return { kind: 'unauthenticated' };
  if (admission === 'mismatch') {
    return {
      kind: 'answer',
      output: {
        result: 'FAILED',
        errorCode: 'UNAUTHORIZED',
        errorMessage: `credentials do not belong to connector ${checked.value.connectorCode}`,
      },
    };
  }
  // The schema for `command` validated the value, so the engine method gets its own input type.
  const output = (commands[command] as (value: unknown) => CommandOutput).call(
    commands,
    checked.value,
  );
  return { kind: 'answer', output: withWireEvents(output) };
}
