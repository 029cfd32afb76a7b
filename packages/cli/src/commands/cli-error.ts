import { ConfigError, isTvoxError } from '@tvox-connector/core';
import { CommanderError } from 'commander';

/** Exit codes of the `tvox-connector` command. */
export const ExitCode = {
  ok: 0,
  /** Something failed: a check of `doctor`, a call, the store. */
  failure: 1,
  /** The configuration or the command line is invalid. */
  usage: 2,
} as const;

/**
 * The exit code for an error that ended a command: commander's own for `--help` and
 * `--version` (0), usage for a command line or a configuration that is invalid.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  return error instanceof ConfigError ? ExitCode.usage : ExitCode.failure;
}

/**
 * What to print for an error that ended a command: its message, with its code when it has one;
 * nothing for commander's, which printed its own (the error and the help).
 */
export function describeError(error: unknown): string {
  if (error instanceof CommanderError) return '';
  if (isTvoxError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
