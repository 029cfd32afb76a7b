import { formatIssues, validate } from '@tvox-connector/core';
import type { SimulatorState } from '../engine/simulator-state.js';
import type { CommandOutcome } from '../http/command-runner.js';
import type { Caller } from '../http/connector-auth.js';
import { mccConnectorOf } from './mcc-caller.js';
import type { MccCommands } from './mcc-commands.js';
import { MCC_OPERATIONS, type MccOperation } from './mcc-wire.js';

/** What an mcc-1.0 operation answers (every answer has its `result`). */
export type MccAnswer = ReturnType<MccCommands[MccOperation]>;

/**
 * Runs one mcc-1.0 operation for either technology: the caller first (as a security interceptor
 * runs before the message is read), then the request against its wire schema, then the engine.
 */
export function runMccOperation(
  state: SimulatorState,
  commands: MccCommands,
  operation: MccOperation,
  input: unknown,
  caller: Caller,
): CommandOutcome<MccAnswer> {
  const connectorCode = mccConnectorOf(state, caller);
  if (connectorCode === undefined) return { kind: 'unauthenticated' };
  const checked = validate(MCC_OPERATIONS[operation].input, input);
  if (!checked.ok) {
    return {
      kind: 'invalid',
      message: `invalid ${operation} request:\n${formatIssues(checked.issues)}`,
    };
  }
  // The schema for `operation` validated the value, so the method gets its own request type.
  const output = (commands[operation] as (connector: string, request: unknown) => MccAnswer).call(
    commands,
    connectorCode,
    checked.value,
  );
  return { kind: 'answer', output };
}
