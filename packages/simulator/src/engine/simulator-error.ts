/** Why an admin or console request could not be carried out. */
export type SimulatorErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'UNAUTHORIZED';

const HTTP_STATUS: Readonly<Record<SimulatorErrorCode, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  UNAUTHORIZED: 401,
};

/**
 * An admin, scripting or console request that cannot be carried out (unknown agent, accepting a
 * session offered to someone else). Answered with its HTTP status and `{ error: { code, message } }`.
 */
export class SimulatorError extends Error {
  readonly status: number;

  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
    this.status = HTTP_STATUS[code];
  }
}
