import { isConfigError, isTvoxError } from '@tvox-connector/core';
import { ExitCode } from './exit-code.js';

/** The exit code for an error that ended a command: usage for an invalid configuration. */
export function exitCodeOf(error: unknown): number {
  return isConfigError(error) ? ExitCode.usage : ExitCode.failure;
}

/** What to print for an error that ended a command: its message, with its code when it has one. */
export function describeError(error: unknown): string {
  if (isTvoxError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
