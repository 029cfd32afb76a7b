import {
  DEFAULT_ROUTING_SESSION_DATA,
  DEFAULT_SESSION_DESCRIPTION,
  type ChannelConfig,
} from '../../config/connector-config.js';
import { InvalidInputError } from '../../errors/input-errors.js';
import type { RemoteRejectedError } from '../../errors/transport-errors.js';
import { isRetryable, isTvoxError } from '../../errors/tvox-error.js';
import type { SessionRecord } from '../../interfaces/store.js';
import type { OpenedSession } from '../../interfaces/transport.js';
import { applySessionInput, openedSessionState } from '../../lifecycle/session-lifecycle.js';
import type { InboundMessage } from '../../model/inbound.js';
import type { OpenSessionRequest } from '../../profile/command-requests.js';
import { readPath } from '../../profile/field-path.js';
import { parseTemplate, renderTemplate, textOf } from '../../template/template.js';
import type { EffectsCollector, RelayServices } from '../job-context.js';
import { contactCursor } from '../lanes.js';
import { openOrConfirm } from './open-or-confirm.js';

/** A session TVox has answered for: messages can be sent into it. */
export type ReadySession = SessionRecord & { readonly tvoxSessionId: string };

/**
 * The conversation's session, ready for a message: the one not CLOSED, or a new one. A new
 * session is stored first, still opening, and only then asked of TVox, so that:
 * - a TVox popup (`…/desk/sessions/{id}`) that comes before the answer finds it by its key;
 * - a job run again (a retry, a lease that ran out, several workers at once after an outage)
 *   finds the session opening and asks TVox again for the same one, with the same ids: the store
 *   keeps one session not CLOSED per conversation, so a burst of retries cannot split one.
 *
 * `attempt` names this try at a new session (`open:<ledger id>#<job id>` for the first,
 * `reopen:<key of the session it replaces>` after TVox lost one): the key is derived from it.
 * `closing` is the session TVox no longer has, closed in the same commit.
 */
export async function readySession(
  services: RelayServices,
  effects: EffectsCollector,
  message: InboundMessage,
  attempt: string,
  closing?: SessionRecord,
): Promise<ReadySession> {
  const channel = channelOf(services, message);
  const known =
    closing === undefined ? await services.store.findOpenSession(message.conversation) : undefined;
  const session = known ?? (await beginSession(services, channel, message, attempt, closing));
  if (session.tvoxSessionId !== undefined)
    return { ...session, tvoxSessionId: session.tvoxSessionId };
  return openSession(services, effects, channel, message, session);
}

/**
 * Stores a new session for the conversation, still opening. Its key is the session id proposed
 * to TVox for `attempt`; should that key be taken already (this job ran before, and the session
 * it opened has ended since), the next one is derived from it: a key is never reused.
 */
async function beginSession(
  services: RelayServices,
  channel: ChannelConfig,
  message: InboundMessage,
  attempt: string,
  closing: SessionRecord | undefined,
): Promise<SessionRecord> {
  const serviceCode =
    (message.entryPoint === undefined ? undefined : channel.entryPoints[message.entryPoint]) ??
    channel.serviceCode;
  for (let next = attempt, replaced = closing; ; replaced = undefined) {
    const now = services.clock.now();
    const stored = await services.store.beginSession(
      {
        sessionKey: services.sessionIds.choose(channel.id, message.conversation.id, next),
        conversation: message.conversation,
        serviceCode,
        // The status events that follow carry the sequence, and applying them from NEW yields
        // the right notices (queued, agent joined). The mode stays the session's for good.
        state: openedSessionState('NEW', services.mode()),
        openedAt: now,
        updatedAt: now,
      },
      replaced,
    );
    if (stored.state.status !== 'CLOSED') return stored;
    next = `reopen:${stored.sessionKey}`;
  }
}

/**
 * Asks TVox to open `session` (stored, opening), with its key as both the proposed session id
 * and the request id: asking again for the same session is idempotent at TVox. The call is noted
 * first as unanswered (`Store.markOpenCall`, already done for a session just stored), so that
 * events TVox sends meanwhile wait for its answer rather than reach an older session with the same
 * id. TVox's answer is stored at once (`recordAnswer`). A refusal for good closes `session`; any
 * other refusal is an answer too (the call is no longer unanswered); and should the job end in the
 * dead letters, the session is closed with it.
 */
async function openSession(
  services: RelayServices,
  effects: EffectsCollector,
  channel: ChannelConfig,
  message: InboundMessage,
  stored: SessionRecord,
): Promise<ReadySession> {
  const session = await markedUnanswered(services, stored);
  const contactKey = contactCursor(message.conversation);
  const tvoxContactId = await services.store.getCursor(contactKey);
  if (session.state.mode === 'routing') {
    // Under the ceiling of routing calls: a burst of sessions after an outage waits its turn.
    const waitMs = services.routingCalls.take();
    if (waitMs > 0) await services.clock.sleep(waitMs);
  }
  let opened: OpenedSession;
  try {
    opened = await openOrConfirm(
      services.transport,
      openRequest(services, channel, message, session, tvoxContactId),
      { metrics: services.metrics, refusals: services.licenceRefusals, clock: services.clock },
    );
  } catch (error) {
    if (!isRetryable(error)) {
      effects.session(closed(services, session, 'TVox refused to open it'));
    } else {
      if (isRemoteAnswer(error)) await services.store.clearOpenCall(session.sessionKey);
      effects.sessionIfDeadLettered(
        closed(services, session, 'its first message could not be delivered'),
      );
    }
    throw error;
  }
  if (opened.contactId !== undefined && opened.contactId !== tvoxContactId)
    await services.store.setCursor(contactKey, opened.contactId);
  return recordAnswer(services, session, opened.sessionId);
}

/**
 * The `openSession` request of `session`: its key as both the proposed session id and the request
 * id, the channel's templates rendered (in routing mode the data defaults to the desk's page of
 * the session), and the contact as far as it is meant for TVox (`tvoxContactId`: the contact TVox
 * answered for the conversation before).
 */
function openRequest(
  services: RelayServices,
  channel: ChannelConfig,
  message: InboundMessage,
  session: SessionRecord,
  tvoxContactId: string | undefined,
): OpenSessionRequest {
  const contactValue = message.sender.contactValue ?? message.sender.phone;
  const known: Omit<OpenSessionRequest, 'request' | 'session'> = {
    channel: {
      id: channel.id,
      ...(channel.tvoxChannelId === undefined ? {} : { tvoxChannelId: channel.tvoxChannelId }),
    },
    conversation: { id: message.conversation.id },
    contact: {
      ...message.sender,
      // Only a value an adapter meant for TVox's address book, never the network's user id.
      ...(contactValue === undefined ? {} : { value: contactValue }),
      ...(tvoxContactId === undefined ? {} : { tvoxId: tvoxContactId }),
    },
    ...(message.entryPoint === undefined
      ? {}
      : { entryPoint: message.entryPoint, attributes: { entryPoint: message.entryPoint } }),
  };
  const variables = sessionVariables(services, known, session);
  const description = sessionTemplate(
    channel.session?.description ?? DEFAULT_SESSION_DESCRIPTION,
    variables,
  );
  const data = sessionTemplate(
    channel.session?.data ??
      (session.state.mode === 'routing' ? DEFAULT_ROUTING_SESSION_DATA : undefined),
    variables,
  );
  return {
    ...known,
    request: { id: session.sessionKey },
    session: {
      id: session.sessionKey,
      serviceCode: session.serviceCode,
      ...(description === undefined ? {} : { description }),
      ...(data === undefined ? {} : { data }),
    },
  };
}

/** What a channel's session templates may name for `session` (see `SESSION_TEMPLATE_VARIABLES`). */
function sessionVariables(services: RelayServices, known: object, session: SessionRecord): object {
  return {
    ...known,
    session: { id: session.sessionKey, serviceCode: session.serviceCode },
    ...(services.deskUrl === undefined ? {} : { desk: { url: services.deskUrl } }),
  };
}

/**
 * Stores TVox's answer at once, before any message is sent into the session (events waiting for
 * it go on), closing the sessions still open on our side that TVox gave the same id before: TVox
 * no longer has them.
 */
async function recordAnswer(
  services: RelayServices,
  session: SessionRecord,
  tvoxSessionId: string,
): Promise<ReadySession> {
  const at = services.clock.now();
  const { named } = await services.store.findEventSessions(tvoxSessionId);
  const replaced = named
    .filter(
      (previous) =>
        previous.tvoxSessionId === tvoxSessionId &&
        previous.sessionKey !== session.sessionKey &&
        previous.state.status !== 'CLOSED',
    )
    .map((previous) => {
      services.logger.warn(
        { tvoxSessionId, sessionKey: session.sessionKey, previousKey: previous.sessionKey },
        'TVox gave a new session the id of an older one; the older one is closed',
      );
      return {
        ...previous,
        state: applySessionInput(previous.state, { type: 'unknownToTvox' }).state,
        updatedAt: at,
      };
    });
  const stored = await services.store.recordOpenAnswer(
    { sessionKey: session.sessionKey, tvoxSessionId, at },
    replaced,
  );
  // TVox's id is the one stored: a run of this job before may have stored it already.
  return { ...stored, tvoxSessionId: stored.tvoxSessionId ?? tvoxSessionId };
}

/** `session` with its coming `openSession` call noted as unanswered in the store. */
async function markedUnanswered(
  services: RelayServices,
  session: SessionRecord,
): Promise<SessionRecord> {
  if (session.unansweredCallAt !== undefined) return session;
  const at = services.clock.now();
  await services.store.markOpenCall(session.sessionKey, at);
  return { ...session, unansweredCallAt: at };
}

/**
 * Whether TVox answered the call (with a refusal), rather than the call failing on the way: read
 * by shape, as `openOrConfirm` does, so that it works across copies of this package.
 */
function isRemoteAnswer(error: unknown): boolean {
  return isTvoxError(error) && (error as Partial<RemoteRejectedError>).meaning !== undefined;
}

function closed(services: RelayServices, session: SessionRecord, reason: string): SessionRecord {
  return {
    ...session,
    state: applySessionInput(session.state, { type: 'closedByConnector', reason }).state,
    updatedAt: services.clock.now(),
  };
}

function channelOf(services: RelayServices, message: InboundMessage): ChannelConfig {
  const channel = services.channels.get(message.conversation.channel);
  if (channel) return channel;
  throw new InvalidInputError('inbound message', [
    {
      path: 'conversation.channel',
      message: `no channel "${message.conversation.channel}" is configured`,
    },
  ]);
}

/** A channel's session template rendered for a conversation; nothing when a value is missing. */
function sessionTemplate(source: string | undefined, variables: object): string | undefined {
  if (source === undefined) return undefined;
  const value = renderTemplate(parseTemplate(source), (name) => readPath(variables, name));
  return value === undefined ? undefined : textOf(value);
}
