/** How long after TVox's last `NO_LICENSE` a channel is reported short of licences. */
export const LICENCE_REFUSAL_WINDOW_MS = 10 * 60 * 1000;

/**
 * The channels TVox recently refused sessions on for lack of a licence (`NO_LICENSE`: missing,
 * or all in use), so that readiness says so while the sessions are retried. In memory, per
 * instance: a detail for operators, not state.
 */
export class LicenceRefusals {
  private readonly lastRefusal = new Map<string, number>();

  /** TVox refused a session on `channel` at `at`. */
  refused(channel: string, at: number): void {
    this.lastRefusal.set(channel, at);
  }

  /** The channels refused within the window before `now`, with when they were last refused. */
  recent(now: number): readonly { readonly channel: string; readonly at: number }[] {
    return [...this.lastRefusal]
      .filter(([, at]) => now - at < LICENCE_REFUSAL_WINDOW_MS)
      .map(([channel, at]) => ({ channel, at }));
  }
}
