/** Exit codes of the `tvox-connector` command. */
export const ExitCode = {
  ok: 0,
  /** Something failed: a check of `doctor`, a call, the store. */
  failure: 1,
  /** The configuration or the command line is invalid. */
  usage: 2,
} as const;
