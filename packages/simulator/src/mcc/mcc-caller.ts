import type { Caller } from '../http/connector-auth.js';
import type { SimulatorState } from '../engine/simulator-state.js';

/**
 * The connector an mcc-1.0 call is made by, or undefined when it is to be answered 401. mcc-1.0
 * has no connector field, so HTTP Basic says who calls (username = connector code). A call
 * without credentials belongs to the only connector that has no password; with none, or with
 * several, it must name itself.
 */
export function mccConnectorOf(state: SimulatorState, caller: Caller): string | undefined {
  if (caller.kind === 'connector') return caller.code;
  if (caller.kind === 'denied') return undefined;
  const open = [...state.connectors.values()].filter((c) => c.password === undefined);
  return open.length === 1 ? open[0]?.code : undefined;
}
