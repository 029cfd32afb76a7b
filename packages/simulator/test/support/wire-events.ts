const KINDS = ['statusChanged', 'agentMessage', 'agentTyping'] as const;

/** The kind members an event on the wire carries; a well-formed one carries exactly one. */
export function kindsOf(event: object): string[] {
  return KINDS.filter((kind) => kind in event);
}

/**
 * How a test lists an event on the wire (JSON, or as node soap reads it): a statusChanged by its
 * status, the others by their kind.
 */
export function stepOf(event: object): string {
  const changed = 'statusChanged' in event ? event.statusChanged : undefined;
  const status =
    typeof changed === 'object' && changed !== null && 'status' in changed
      ? changed.status
      : undefined;
  return typeof status === 'string' ? status : kindsOf(event).join('+');
}
