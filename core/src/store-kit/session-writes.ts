import type { OpeningSession, SessionRecord } from '../interfaces/store.js';
import { step, type Procedure } from './procedure.js';
import type { StoreTables } from './store-tables.js';

/**
 * `Store.beginSession`: stores `closing`, then `opening` after the newest event recorded, unless
 * its key is taken or its conversation has a session not CLOSED; the session stored, or the one
 * in the way.
 */
export function* beginSession(
  tables: StoreTables,
  opening: OpeningSession,
  closing: SessionRecord | undefined,
): Procedure<SessionRecord> {
  const { sessions } = tables;
  if (closing !== undefined) yield* step(sessions.put(closing));
  yield* step(sessions.insertOpening(opening));
  const stored =
    (yield* step(sessions.get(opening.sessionKey))) ??
    (yield* step(sessions.findOpen(opening.conversation)));
  if (stored === undefined) throw new Error('a session neither stored nor in the way');
  return stored;
}

/** TVox's answer to a session's `openSession` call, as `Store.recordOpenAnswer` stores it. */
export interface OpenAnswer {
  readonly sessionKey: string;
  readonly tvoxSessionId: string;
  readonly at: number;
}

/**
 * `Store.recordOpenAnswer`: closes the sessions TVox gave the id before (`replaced`, stored as job
 * effects store sessions), then stores the answer; the session as stored.
 */
export function* recordOpenAnswer(
  tables: StoreTables,
  answer: OpenAnswer,
  replaced: readonly SessionRecord[],
): Procedure<SessionRecord> {
  const { sessions } = tables;
  for (const session of replaced) yield* step(sessions.put(session));
  yield* step(sessions.recordAnswer(answer.sessionKey, answer.tvoxSessionId, answer.at));
  const stored = yield* step(sessions.get(answer.sessionKey));
  if (stored === undefined) throw new Error(`no session ${answer.sessionKey} to answer`);
  return stored;
}
