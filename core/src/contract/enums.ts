import { z } from 'zod';

/** Outcome of every contract command. */
export const CommandResult = z.enum(['SUCCESS', 'FAILED']);
/** Outcome of every contract command. */
export type CommandResult = z.infer<typeof CommandResult>;

/**
 * Status of a TVox session, spelled as on the wire.
 *
 * - `NEW`: exists in TVox, not yet routed
 * - `QUEUED`: waiting in the service queue for an agent
 * - `BOOKED`: offered to / reserved for one agent
 * - `ASSIGNED`: an agent has taken charge of it
 * - `CLOSED`: ended (terminal)
 * - `UNKNOW`: TVox does not know the session. Spelled without the final E, exactly as TVox does.
 */
export const SessionStatus = z.enum(['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED', 'UNKNOW']);
/** Status of a TVox session, spelled as on the wire. */
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Error codes of the reference contract, sent with `result: FAILED`. */
export const ContractErrorCode = z.enum([
  'UNKNOWN_SESSION',
  'SESSION_CLOSED',
  'UNKNOWN_SERVICE',
  'UNAUTHORIZED',
  'INVALID_REQUEST',
  'DUPLICATE',
  'UNAVAILABLE',
]);
/** Error codes of the reference contract. */
export type ContractErrorCode = z.infer<typeof ContractErrorCode>;
