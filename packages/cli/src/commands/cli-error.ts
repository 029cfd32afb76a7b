import { ConfigError, isTvoxError } from '@tvox-connector/core';

/** Exit codes of the `tvox-connector` command. */
export const ExitCode = {
  ok: 0,
  /** Something failed: a check of `doctor`, a call, the store. */
  failure: 1,
  /** The configuration or the command line is invalid. */
  usage: 2,
} as const;

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  return error instanceof ConfigError ? ExitCode.usage : ExitCode.failure;
}

/** What to print for an error that ended a command: its message, with its code when it has one. */
export function describeError(error: unknown): string {
  if (isTvoxError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
