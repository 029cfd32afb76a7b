import { renderNotice } from '../../config/notice-templates.js';
import type { SessionRecord } from '../../interfaces/store.js';
import { applySessionInput, type LifecycleInput } from '../../lifecycle/session-lifecycle.js';
import type { InboundMessage } from '../../model/inbound.js';
import type { OutboundMessage } from '../../model/outbound.js';
import { adaptToCapabilities } from '../fallback.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { lanes } from '../lanes.js';

/**
 * Moves a session's lifecycle with `input` (a status event, or a status TVox answered) and
 * queues the notice the change means for the customer, if any, under the ledger id `noticeId`
 * (the same input applied again queues nothing new).
 */
export async function moveSession(
  services: RelayServices,
  effects: EffectsCollector,
  session: SessionRecord,
  input: LifecycleInput,
  noticeId: string,
): Promise<void> {
  const outcome = applySessionInput(session.state, input);
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
      messageId: noticeId,
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
export function queueOutbound(
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
