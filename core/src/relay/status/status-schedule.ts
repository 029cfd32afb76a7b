import type { SessionStatus } from '../../contract/enums.js';

/** How often a session's status is asked of TVox, by where it stands. */
export interface StatusIntervals {
  /** While the session waits for an agent: NEW, QUEUED, BOOKED. */
  readonly waitingIntervalMs: number;
  /** Once an agent took charge: ASSIGNED. */
  readonly assignedIntervalMs: number;
}

/** A session to follow, as the store lists it. */
export interface FollowedSession {
  readonly sessionKey: string;
  readonly status: SessionStatus;
}

/** Where one followed session stands in the schedule. */
interface Entry {
  /** When its status is asked next (epoch ms). */
  dueAt: number;
  /** The status it was last known in, which sets its interval. */
  status: SessionStatus;
}

/** The pause after asking a session's status, from the status it is in. */
export function intervalOf(status: SessionStatus, intervals: StatusIntervals): number {
  return status === 'ASSIGNED' ? intervals.assignedIntervalMs : intervals.waitingIntervalMs;
}

/**
 * When each followed session's status is asked next, adaptively: a session waiting for an agent
 * (NEW, QUEUED, BOOKED) often, so that the customer hears at once that an agent joined; one an
 * agent took charge of (ASSIGNED) rarely, since it changes only when it closes or moves. A session
 * seen for the first time is due at once; one no longer listed (closed) is forgotten. Pure: time
 * is given, and nothing is called.
 */
export class StatusSchedule {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly intervals: StatusIntervals) {}

  /** The sessions to follow now (every open one): new ones due at once, gone ones forgotten. */
  sync(sessions: readonly FollowedSession[], now: number): void {
    const listed = new Set<string>();
    for (const { sessionKey, status } of sessions) {
      listed.add(sessionKey);
      const entry = this.entries.get(sessionKey);
      if (entry === undefined) this.entries.set(sessionKey, { dueAt: now, status });
      else if (intervalOf(status, this.intervals) < intervalOf(entry.status, this.intervals)) {
        // It moved to where it is asked more often (back to the queue): no longer than that.
        entry.dueAt = Math.min(entry.dueAt, now + intervalOf(status, this.intervals));
        entry.status = status;
      }
    }
    for (const key of this.entries.keys()) if (!listed.has(key)) this.entries.delete(key);
  }

  /** The sessions due at `now`, the longest overdue first. */
  due(now: number): string[] {
    return [...this.entries]
      .filter(([, entry]) => entry.dueAt <= now)
      .sort(([, a], [, b]) => a.dueAt - b.dueAt)
      .map(([key]) => key);
  }

  /** The session's status was asked at `now` and is `status`: due again after its interval. */
  asked(sessionKey: string, status: SessionStatus, now: number): void {
    const entry = this.entries.get(sessionKey);
    if (entry === undefined) return;
    entry.status = status;
    entry.dueAt = now + intervalOf(status, this.intervals);
  }

  /** Forgets every session: another instance follows them now. */
  clear(): void {
    this.entries.clear();
  }

  /** How many sessions are followed. */
  get size(): number {
    return this.entries.size;
  }
}
