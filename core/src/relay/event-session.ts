import type { SessionRecord } from '../interfaces/store.js';

/** Which session a TVox event is about, as {@link resolveEventSession} decides it. */
export type EventSessionResolution =
  /** Apply the event to this session. */
  | { readonly kind: 'session'; readonly session: SessionRecord }
  /** No session can be told yet: wait for TVox's answer to an `openSession` in flight. */
  | { readonly kind: 'pending' }
  /**
   * The event was issued before the newest session with its TVox id was stored: it belonged to an
   * older session TVox gave the same id, and is applied to none.
   */
  | { readonly kind: 'stale'; readonly session: SessionRecord };

/** The part of a TVox event that names its session. */
export interface EventAddress {
  readonly sessionId: string;
  readonly sequence: number;
}

/**
 * The rule that matches a TVox event to a session when TVox may give a session id again (after a
 * restart that emptied it):
 *
 * 1. The candidate is the newest session TVox's answer gave the event's id (`newest`, from
 *    `Store.findSessionByTvoxId`), whatever its status: never an older one with the same id.
 * 2. While a session stored no earlier than the candidate is still opening (`opening`, from
 *    `Store.listOpeningSessions`) and was stored before the event was issued (its
 *    `openedAfterSequence` is older than the event), TVox may be giving it this very id: the event
 *    waits (`pending`) rather than reach the candidate, which may be another conversation's.
 * 3. Without a candidate the event waits too: its session's answer is not stored yet.
 * 4. An event not newer than the candidate's `openedAfterSequence` predates it (`stale`).
 * 5. Otherwise the event is the candidate's.
 *
 * Sequences are TVox's per-connector event sequence, assumed to keep growing across its
 * restarts (the store's event dedupe relies on that too).
 */
export function resolveEventSession(
  event: EventAddress,
  newest: SessionRecord | undefined,
  opening: readonly SessionRecord[],
): EventSessionResolution {
  const mayBeOpening = opening.some(
    (session) =>
      session.openedAfterSequence < event.sequence &&
      (newest === undefined || session.openedAt >= newest.openedAt),
  );
  if (mayBeOpening || newest === undefined) return { kind: 'pending' };
  if (event.sequence <= newest.openedAfterSequence) return { kind: 'stale', session: newest };
  return { kind: 'session', session: newest };
}
