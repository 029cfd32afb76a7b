import type { Session, TranscriptEntry } from './types.js';

/** The agent's sessions as the list shows them. */
export interface SessionGroups {
  /** Waiting for the agent to accept, the one expiring first on top. */
  readonly offered: readonly Session[];
  /** Accepted and open, oldest first so rows do not jump around. */
  readonly assigned: readonly Session[];
  /** Recently closed, newest first (as the desk answers them). */
  readonly closed: readonly Session[];
}

export function groupSessions(sessions: readonly Session[]): SessionGroups {
  return {
    offered: sessions
      .filter((s) => s.status === 'BOOKED')
      .sort((a, b) => (a.offerExpiresAt ?? Infinity) - (b.offerExpiresAt ?? Infinity)),
    assigned: sessions
      .filter((s) => s.status === 'ASSIGNED')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    closed: sessions.filter((s) => s.status === 'CLOSED'),
  };
}

/** The last message of a session, if any. */
export function lastMessage(session: Session): TranscriptEntry | undefined {
  return session.transcript.at(-1);
}

/** When anything last happened in a session. */
export function lastActivity(session: Session): string {
  const times = [session.createdAt, session.transcript.at(-1)?.at, session.events.at(-1)?.at];
  return (
    times
      .filter((t): t is string => t !== undefined)
      .sort()
      .at(-1) ?? session.createdAt
  );
}

/** A one-line preview of a message. */
export function preview(entry: TranscriptEntry): string {
  const text = entry.text?.replace(/\s+/g, ' ').trim();
  if (text !== undefined && text.length > 0) return text;
  const files = entry.attachments.length;
  return files === 1 ? `Sent a file: ${entry.attachments[0]?.name ?? ''}` : `Sent ${files} files`;
}

const customerMessages = (session: Session): number =>
  session.transcript.filter((m) => m.from === 'customer').length;

/** Remembers how many customer messages of each session the agent has seen. */
export class ReadMarks {
  private readonly seen = new Map<string, number>();

  markRead(session: Session): void {
    this.seen.set(session.sessionId, customerMessages(session));
  }

  /** Customer messages of the session the agent has not looked at yet. */
  unread(session: Session): number {
    if (session.status === 'CLOSED') return 0;
    return Math.max(0, customerMessages(session) - (this.seen.get(session.sessionId) ?? 0));
  }

  clear(): void {
    this.seen.clear();
  }
}
