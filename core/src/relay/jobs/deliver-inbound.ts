import { DEFAULT_SESSION_DESCRIPTION } from '../../config/connector-config.js';
import { RemoteRejectedError } from '../../errors/transport-errors.js';
import { InvalidInputError } from '../../errors/input-errors.js';
import type { SessionRecord } from '../../interfaces/store.js';
import { applySessionInput, openedSessionState } from '../../lifecycle/session-lifecycle.js';
import type { InboundMessage } from '../../model/inbound.js';
import type { CustomerMessage, OpenSessionRequest } from '../../profile/command-requests.js';
import { parseTemplate, renderTemplate, textOf } from '../../template/template.js';
import { readPath } from '../../profile/field-path.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { openOrConfirm } from './open-or-confirm.js';

/**
 * Sends one customer message to TVox: into the conversation's open session, or a new one. The
 * session is opened with a `requestId` derived from this message and its job, so a retry of the
 * job cannot open two, while a replayed dead letter (a new job) is not answered with the session
 * its first attempt opened. When TVox no longer knows the session (UNKNOWN_SESSION or SESSION_CLOSED), the
 * session is closed on our side, a new one opened, and the message sent again — once.
 */
export async function deliverInbound(
  services: RelayServices,
  effects: EffectsCollector,
  ledgerId: string,
  jobId: string,
  message: InboundMessage,
): Promise<void> {
  const requestKey = `${ledgerId}#${jobId}`;
  const known = await services.store.findOpenSession(message.conversation);
  const session = known ?? (await openSession(services, effects, requestKey, message, 'open'));
  const contractMessage = toContractMessage(ledgerId, message);
  try {
    await services.transport.sendMessage({
      session: { id: session.sessionId },
      message: contractMessage,
    });
    effects.message({ id: ledgerId, state: 'sent', sessionId: session.sessionId });
  } catch (error) {
    if (!isSessionGone(error)) throw error;
    services.logger.warn(
      { sessionId: session.sessionId, messageId: ledgerId, reason: (error as Error).message },
      'TVox no longer has the session; opening a new one and sending the message again',
    );
    const gone = applySessionInput(session.state, { type: 'unknownToTvox' }).state;
    effects.session({ ...session, state: gone, updatedAt: services.clock.now() });
    const fresh = await openSession(services, effects, requestKey, message, 'reopen');
    await services.transport.sendMessage({
      session: { id: fresh.sessionId },
      message: contractMessage,
    });
    effects.message({ id: ledgerId, state: 'sent', sessionId: fresh.sessionId });
  }
}

function isSessionGone(error: unknown): boolean {
  return (
    error instanceof RemoteRejectedError &&
    (error.meaning === 'unknown-session' || error.meaning === 'session-closed')
  );
}

async function openSession(
  services: RelayServices,
  effects: EffectsCollector,
  requestKey: string,
  message: InboundMessage,
  purpose: 'open' | 'reopen',
): Promise<SessionRecord> {
  const channel = services.channels.get(message.conversation.channel);
  if (!channel) {
    throw new InvalidInputError('inbound message', [
      {
        path: 'conversation.channel',
        message: `no channel "${message.conversation.channel}" is configured`,
      },
    ]);
  }
  const serviceCode =
    (message.entryPoint === undefined ? undefined : channel.entryPoints[message.entryPoint]) ??
    channel.serviceCode;
  const attempt = `${purpose}:${requestKey}`;
  const known: Omit<OpenSessionRequest, 'request' | 'session'> = {
    channel: {
      id: channel.id,
      ...(channel.tvoxChannelId === undefined ? {} : { tvoxChannelId: channel.tvoxChannelId }),
    },
    conversation: { id: message.conversation.id },
    contact: {
      ...message.sender,
      // A phone number is the one customer value meant for TVox's address book.
      ...(message.sender.phone === undefined ? {} : { value: message.sender.phone }),
    },
    ...(message.entryPoint === undefined
      ? {}
      : { entryPoint: message.entryPoint, attributes: { entryPoint: message.entryPoint } }),
  };
  const templates = channel.session ?? { description: DEFAULT_SESSION_DESCRIPTION };
  const variables = { ...known, session: { serviceCode } };
  const description = sessionTemplate(templates.description, variables);
  const data = sessionTemplate(templates.data, variables);
  const opened = await openOrConfirm(
    services.transport,
    {
      ...known,
      request: { id: attempt },
      session: {
        id: services.sessionIds.choose(channel.id, message.conversation.id, attempt),
        serviceCode,
        ...(description === undefined ? {} : { description }),
        ...(data === undefined ? {} : { data }),
      },
    },
    { metrics: services.metrics, refusals: services.licenceRefusals, clock: services.clock },
  );
  const now = services.clock.now();
  // Start from NEW whatever openSession answered: the status events that follow carry the
  // sequence, and applying them from NEW yields the right notices (queued, agent joined).
  const record: SessionRecord = {
    sessionId: opened.sessionId,
    conversation: message.conversation,
    serviceCode,
    state: openedSessionState('NEW'),
    openedAt: now,
    updatedAt: now,
  };
  effects.session(record);
  return record;
}

/** A channel's session template rendered for a conversation; nothing when a value is missing. */
function sessionTemplate(source: string | undefined, variables: object): string | undefined {
  if (source === undefined) return undefined;
  const value = renderTemplate(parseTemplate(source), (name) => readPath(variables, name));
  return value === undefined ? undefined : textOf(value);
}

function toContractMessage(ledgerId: string, message: InboundMessage): CustomerMessage {
  const text =
    message.editOf !== undefined && message.text !== undefined
      ? `(edited) ${message.text}`
      : message.text;
  return {
    id: ledgerId,
    ...(text === undefined ? {} : { text }),
    ...(message.attachments.length > 0 ? { attachments: message.attachments } : {}),
    sentAt: message.sentAt,
  };
}
