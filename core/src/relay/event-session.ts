import type { EventSessions, SessionRecord } from '../interfaces/store.js';

/** Which session a TVox event is about, as {@link resolveEventSession} decides it. */
export type EventSessionResolution =
  /** Apply the event to this session. */
  | { readonly kind: 'session'; readonly session: SessionRecord }
  /**
   * No session can be told yet. `unanswered`: a session opening may be getting the event's id
   * from TVox right now; the wait ends with that call's answer. `unknown`: no session has the id
   * yet (its answer is not stored yet, or it is none of ours).
   */
  | { readonly kind: 'pending'; readonly reason: 'unanswered' | 'unknown' }
  /**
   * The event was issued before the session TVox gave its id last was stored: it belonged to an
   * older session TVox gave the same id, and is applied to none.
   */
  | { readonly kind: 'stale'; readonly session: SessionRecord };

/** The part of a TVox event that names its session, and when the connector recorded it. */
export interface EventAddress {
  readonly sessionId: string;
  readonly sequence: number;
  readonly recordedAt: number;
}

/**
 * The rule that matches a TVox event to a session when TVox may give a session id again (after a
 * restart that emptied it):
 *
 * 1. A session still opening whose key is the event's id is the event's: TVox keeps the id the
 *    connector proposes (keys are never reused), and its answer is not stored yet.
 * 2. Otherwise the candidate is the session TVox gave the id that is not CLOSED (the connector
 *    closes the others when TVox gives the id again), else the one that got it last.
 * 3. While another session is opening with an `openSession` call whose answer is not known, that
 *    started before the event was recorded (a call started later cannot have produced it), no
 *    earlier than the candidate got its id, and before which the event was not issued, TVox may
 *    have given that session this very id: the event waits rather than reach the candidate, which
 *    may be another conversation's. A call TVox answered, either way, is no longer unanswered,
 *    so a refusal (a licence shortage, say) holds nothing back.
 * 4. Without a candidate the event waits too: its session's answer is not stored yet.
 * 5. An event not newer than the candidate's `openedAfterSequence` predates it (`stale`).
 * 6. Otherwise the event is the candidate's.
 *
 * Sequences are TVox's per-connector event sequence, assumed to keep growing across its
 * restarts (the store's event dedupe relies on that too). Times are the connector's clocks.
 */
export function resolveEventSession(
  event: EventAddress,
  sessions: EventSessions,
): EventSessionResolution {
  const proposed = sessions.named.find(
    (session) => session.sessionKey === event.sessionId && session.tvoxSessionId === undefined,
  );
  if (proposed !== undefined) return { kind: 'session', session: proposed };
  const holders = sessions.named.filter((session) => session.tvoxSessionId === event.sessionId);
  const candidate =
    holders.find((session) => session.state.status !== 'CLOSED') ??
    [...holders].sort((a, b) => (b.tvoxIdAt ?? 0) - (a.tvoxIdAt ?? 0))[0];
  const mayBeUnanswered = sessions.unanswered.some(
    (session) =>
      session.sessionKey !== candidate?.sessionKey &&
      session.unansweredCallAt !== undefined &&
      session.unansweredCallAt <= event.recordedAt &&
      session.openedAfterSequence < event.sequence &&
      (candidate === undefined || session.unansweredCallAt >= (candidate.tvoxIdAt ?? 0)),
  );
  if (mayBeUnanswered) return { kind: 'pending', reason: 'unanswered' };
  if (candidate === undefined) return { kind: 'pending', reason: 'unknown' };
  if (event.sequence <= candidate.openedAfterSequence) return { kind: 'stale', session: candidate };
  return { kind: 'session', session: candidate };
}
