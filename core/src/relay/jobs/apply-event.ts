import type { TvoxEvent } from '../../contract/events.js';
import { PendingSessionError } from '../../errors/transport-errors.js';
import type { SessionRecord } from '../../interfaces/store.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { resolveEventSession } from '../event-session.js';
import { ledgerIds } from '../lanes.js';
import { moveSession, queueOutbound } from './move-session.js';

/** How long an event may wait for its session to be stored before it is dropped as unknown. */
export const PENDING_SESSION_GRACE_MS = 60_000;

/**
 * Applies one TVox event to its session: a status change moves the lifecycle and may become a
 * notice to the customer; an agent's message is stored for delivery; typing is passed on at once,
 * best effort. The session is the one `resolveEventSession` names for the event's id. An event
 * whose session cannot be told yet waits: for the answer of an `openSession` call that may be
 * giving its id, as long as that takes; for a session with its id, a grace period (TVox sends a
 * session's first events while `openSession` is still answering), then the dead letters, from
 * where it can be replayed. An event that predates the session TVox gave its id last is counted and
 * dropped: TVox gave that id to an older session, which must not get it either.
 */
export async function applyEvent(
  services: RelayServices,
  effects: EffectsCollector,
  event: TvoxEvent,
  recordedAt: number,
): Promise<void> {
  const resolved = resolveEventSession(
    { ...event, recordedAt },
    await services.store.findEventSessions(event.sessionId),
  );
  if (resolved.kind === 'pending') {
    // A wait for another session's answer ends with that answer (or its job's dead letter).
    const expired =
      resolved.reason === 'unknown' &&
      services.clock.now() - recordedAt >= PENDING_SESSION_GRACE_MS;
    if (expired)
      services.metrics.increment('tvox_lifecycle_inputs_ignored_total', {
        reason: 'unknown-session',
      });
    throw new PendingSessionError(event.sessionId, expired ? 'expired' : resolved.reason);
  }
  if (resolved.kind === 'stale') {
    services.metrics.increment('tvox_lifecycle_inputs_ignored_total', { reason: 'reused-id' });
    services.logger.warn(
      { sequence: event.sequence, tvoxSessionId: event.sessionId },
      'a TVox event predates the newest session with its id; TVox reused the id, so it is dropped',
    );
    return;
  }
  const session = resolved.session;
  switch (event.type) {
    case 'statusChanged':
      await moveSession(
        services,
        effects,
        session,
        event,
        ledgerIds.notice(session.sessionKey, event.sequence),
      );
      return;
    case 'agentMessage':
      queueOutbound(
        services,
        effects,
        {
          kind: 'message',
          messageId: ledgerIds.agentMessage(session.sessionKey, event.messageId),
          conversation: session.conversation,
          origin: 'agent',
          agent: {
            code: event.agentCode,
            ...(event.agentName === undefined ? {} : { name: event.agentName }),
          },
          ...(event.text === undefined ? {} : { text: event.text }),
          attachments: event.attachments ?? [],
          quickReplies: [],
        },
        session.sessionKey,
      );
      return;
    case 'agentTyping':
      await passTyping(services, session, event.agentCode);
      return;
  }
}

async function passTyping(
  services: RelayServices,
  session: SessionRecord,
  agentCode: string,
): Promise<void> {
  const adapter = services.adapters.get(session.conversation.channel);
  if (!adapter?.capabilities.typing) return;
  try {
    await adapter.send({
      kind: 'typing',
      conversation: session.conversation,
      agent: { code: agentCode },
    });
  } catch (error) {
    services.logger.debug(
      { err: error, sessionKey: session.sessionKey },
      'typing not shown (best effort)',
    );
  }
}
