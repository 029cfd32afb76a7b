import type { TvoxEvent } from '../../contract/events.js';
import { renderNotice } from '../../config/notice-templates.js';
import { PendingSessionError } from '../../errors/transport-errors.js';
import type { SessionRecord } from '../../interfaces/store.js';
import { applySessionInput } from '../../lifecycle/session-lifecycle.js';
import type { InboundMessage } from '../../model/inbound.js';
import type { OutboundMessage } from '../../model/outbound.js';
import { adaptToCapabilities } from '../fallback.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { resolveEventSession } from '../event-session.js';
import { ledgerIds, lanes } from '../lanes.js';

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
      await applyStatus(services, effects, session, event);
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

async function applyStatus(
  services: RelayServices,
  effects: EffectsCollector,
  session: SessionRecord,
  event: Extract<TvoxEvent, { type: 'statusChanged' }>,
): Promise<void> {
  const outcome = applySessionInput(session.state, event);
  if (outcome.state !== session.state)
    effects.session({ ...session, state: outcome.state, updatedAt: services.clock.now() });
  if (outcome.kind === 'ignored') {
    services.metrics.increment('tvox_lifecycle_inputs_ignored_total', { reason: outcome.reason });
    return;
  }
  const locale = await customerLocale(services, session);
  const text = renderNotice(services.notices, outcome.change, locale, outcome.state.agent?.name);
  if (text === undefined) return;
  queueOutbound(
    services,
    effects,
    {
      kind: 'message',
      messageId: ledgerIds.notice(session.sessionKey, event.sequence),
      conversation: session.conversation,
      origin: 'system',
      text,
      attachments: [],
      quickReplies: [],
      ...(locale === undefined ? {} : { locale }),
    },
    session.sessionKey,
  );
}

/**
 * Stores a message for the customer with its delivery job. It is adapted to the network here,
 * split into parts that each fit one call to it, so that each part is its own ledger entry and
 * job: a retry resends only the part that failed, never the parts already delivered, and no
 * adapter needs to remember what it sent. The parts and their ids depend on the message alone, so
 * an event applied again queues nothing new.
 */
function queueOutbound(
  services: RelayServices,
  effects: EffectsCollector,
  message: OutboundMessage,
  sessionKey: string,
): void {
  const now = services.clock.now();
  const adapter = services.adapters.get(message.conversation.channel);
  const parts = adapter ? adaptToCapabilities(message, adapter.capabilities) : [message];
  for (const part of parts) {
    effects.accept({
      message: {
        id: part.messageId,
        direction: 'outbound',
        conversation: part.conversation,
        sessionKey,
        networkMessageIds: [],
        payload: part,
        acceptedAt: now,
      },
      job: {
        kind: 'deliverOutbound',
        lane: lanes.outbound(part.conversation),
        messageId: part.messageId,
        payload: part,
      },
    });
  }
}

/** How many of the customer's latest messages are searched for their language. */
const RECENT_FOR_LOCALE = 20;

/** The customer's language: the latest one a network gave with their messages. */
async function customerLocale(
  services: RelayServices,
  session: SessionRecord,
): Promise<string | undefined> {
  const recent = await services.store.listMessages({
    conversation: session.conversation,
    direction: 'inbound',
    limit: RECENT_FOR_LOCALE,
  });
  return (
    recent
      // A message past its payload's retention has none.
      .map((m) => (m.payload as InboundMessage | undefined)?.sender.locale)
      .find((l) => l !== undefined)
  );
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
