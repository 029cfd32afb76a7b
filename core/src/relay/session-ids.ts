import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from '../interfaces/store.js';

/** The store cursor holding this deployment's session-id key, when the config sets none. */
export const SESSION_ID_KEY_CURSOR = 'tvox:session-id-key';

/**
 * Chooses the session ids the connector proposes to TVox (`startSession`'s `sessionId`): short,
 * opaque (`tc-` and 24 hex digits), derived with a keyed hash from the channel, the conversation
 * and the attempt. The same attempt always gets the same id, so a retry is idempotent; another
 * attempt gets another. The id ends up in popup URLs and browser history: it carries no phone
 * number or network id, and with a key per deployment two deployments on one TVox never collide.
 */
export class SessionIds {
  private key: string | undefined;

  /** Sets the deployment's key (from the config, or kept in the store). */
  useKey(key: string): void {
    this.key = key;
  }

  /** The session id for one attempt at opening a session for a conversation. */
  choose(channel: string, conversation: string, attempt: string): string {
    if (this.key === undefined) throw new Error('the session id key is not loaded: start() first');
    const digest = createHmac('sha256', this.key)
      .update(`${channel}\u0000${conversation}\u0000${attempt}`)
      .digest('hex');
    return `tc-${digest.slice(0, 24)}`;
  }
}

/**
 * The deployment's session-id key: the configured one, else the one kept in the store, else a
 * new random key saved there (so every instance on the store and every restart use the same).
 */
export async function loadSessionIdKey(
  store: Pick<Store, 'claimCursor'>,
  configured: string | undefined,
): Promise<string> {
  if (configured !== undefined) return configured;
  // Instances starting together on a new store each offer a key; the first one stored wins.
  return store.claimCursor(SESSION_ID_KEY_CURSOR, randomBytes(32).toString('hex'));
}
