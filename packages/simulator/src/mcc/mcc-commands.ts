import { randomUUID } from 'node:crypto';
import type { ChannelDefinition } from '../config/simulator-config.js';
import type { SessionRecord } from '../engine/records.js';
import type { SimulatorState } from '../engine/simulator-state.js';
import type {
  CloseSessionRequest,
  CloseSessionResult,
  GetSessionStatusRequest,
  SessionFailReason,
  SessionStatusResult,
  StartSessionFailReasonCode,
  StartSessionRequest,
  StartSessionResult,
} from './mcc-wire.js';

const SUCCESS = { result: 'SUCCESS' } as const;

function startFailed(failReason: StartSessionFailReasonCode, message: string): StartSessionResult {
  return { result: 'FAILED', failReason, failReasonMessage: message };
}

function sessionFailed(failReason: SessionFailReason, message: string): CloseSessionResult {
  return { result: 'FAILED', failReason, failReasonMessage: message };
}

/** A channel's display name: its configured one, else `channel {id}`. */
function channelName(channel: ChannelDefinition): string {
  return channel.name ?? `channel ${channel.id}`;
}

/**
 * The mcc-1.0 operations as TVox answers them, on the simulator's engine. `startSession` checks
 * the channel (documented: licensed, enabled and configured) and the service, then routes the
 * session exactly like any other; it is idempotent on the caller's `sessionId` for the same
 * connector, channel and service. Failures are `result: FAILED` with a `failReason`.
 */
export class MccCommands {
  private readonly channels: ReadonlyMap<number, ChannelDefinition>;

  constructor(
    private readonly state: SimulatorState,
    channels: readonly ChannelDefinition[],
  ) {
    this.channels = new Map(channels.map((channel) => [channel.id, channel]));
  }

  startSession(connectorCode: string, request: StartSessionRequest): StartSessionResult {
    // An empty sessionId is taken as none given: TVox then generates one (a guess).
    const chosenId = request.sessionId === '' ? undefined : request.sessionId;
    const fingerprint = JSON.stringify([connectorCode, request.channelId, request.serviceid]);
    if (chosenId !== undefined) {
      const previous = this.state.startAnswers.get(chosenId);
      if (previous?.fingerprint === fingerprint) return previous.answer;
      if (previous || this.state.sessions.has(chosenId)) {
        return startFailed('GENERIC', `session id ${chosenId} already used`);
      }
    }
    const refused = this.refusal(request);
    if ('result' in refused) return refused;
    const { channel, serviceCode } = refused;

    const sessionId = chosenId ?? this.state.newSessionId();
    const contactId = request.contactId ?? this.lookUpContact(request.contactValue);
    this.state.open({
      sessionId,
      connectorCode,
      serviceCode,
      requestId: sessionId,
      contact: {
        id: contactId ?? '',
        channel: channelName(channel),
        // What the agent sees of the contact: its value, else (no contact at all) a placeholder.
        ...(request.contactValue !== undefined
          ? { displayName: request.contactValue }
          : contactId === undefined
            ? { displayName: 'Anonymous contact' }
            : {}),
      },
      channelSessionId: sessionId,
      ...(request.data === undefined ? {} : { channelData: request.data }),
      ...(request.description === undefined ? {} : { subject: request.description }),
      attributes: {},
      routing: {
        channelId: channel.id,
        ...(contactId === undefined ? {} : { contactId }),
        ...(request.contactValue === undefined ? {} : { contactValue: request.contactValue }),
      },
    });
    const answer: StartSessionResult = {
      ...SUCCESS,
      sessionId,
      ...(contactId === undefined ? {} : { contactId }),
      ...(request.contactValue === undefined ? {} : { contactValue: request.contactValue }),
    };
    this.state.startAnswers.set(sessionId, { fingerprint, answer });
    return answer;
  }

  closeSession(connectorCode: string, request: CloseSessionRequest): CloseSessionResult {
    if (!request.sessionId) return sessionFailed('GENERIC', 'sessionId is required');
    const session = this.sessionOf(connectorCode, request.sessionId);
    if (!session) return sessionFailed('UNKNOWN_SESSION', `no session ${request.sessionId}`);
    if (session.status !== 'CLOSED') {
      this.state.close(session, request.reason ?? 'closed by the connector');
    }
    return SUCCESS;
  }

  /** The session's status; a session TVox does not know is `UNKNOW`, not a failure. */
  getSessionStatus(connectorCode: string, request: GetSessionStatusRequest): SessionStatusResult {
    if (!request.sessionId) return sessionFailed('GENERIC', 'sessionId is required');
    const session = this.sessionOf(connectorCode, request.sessionId);
    if (!session) return { ...SUCCESS, status: 'UNKNOW' };
    const holds = session.status === 'BOOKED' || session.status === 'ASSIGNED';
    return {
      ...SUCCESS,
      status: session.status,
      ...(holds && session.agentCode !== undefined ? { agent: session.agentCode } : {}),
    };
  }

  /** Why TVox refuses to start the session, or the channel and service it starts on. */
  private refusal(
    request: StartSessionRequest,
  ): StartSessionResult | { channel: ChannelDefinition; serviceCode: string } {
    const { channelId, serviceid } = request;
    if (channelId <= 0) return startFailed('INVALID_CHANNEL_ID', `invalid channel id ${channelId}`);
    const channel = this.channels.get(channelId);
    if (!channel) return startFailed('UNKNOWN_CHANNEL_ID', `no channel with id ${channelId}`);
    if (!channel.licensed) {
      return startFailed('NO_LICENSE', `${channelName(channel)} (${channelId}) is not licensed`);
    }
    // Which reason TVox gives a disabled channel is not public: GENERIC is a guess.
    if (!channel.enabled) {
      return startFailed('GENERIC', `${channelName(channel)} (${channelId}) is disabled`);
    }
    if (channel.licences !== undefined && this.openOn(channelId) >= channel.licences) {
      return startFailed(
        'NO_LICENSE',
        `all ${channel.licences} licences of ${channelName(channel)} (${channelId}) are in use`,
      );
    }
    if (!serviceid) return startFailed('GENERIC', 'serviceid is required');
    if (!this.state.services.has(serviceid)) {
      return startFailed('GENERIC', `no service with code ${serviceid}`);
    }
    return { channel, serviceCode: serviceid };
  }

  /** Sessions on the channel not yet closed: each holds one of its licences. */
  private openOn(channelId: number): number {
    let open = 0;
    for (const session of this.state.sessions.values()) {
      if (session.routing?.channelId === channelId && session.status !== 'CLOSED') open += 1;
    }
    return open;
  }

  /** The contact UUID of an address-book value: the one found, or a new contact's. */
  private lookUpContact(contactValue: string | undefined): string | undefined {
    if (contactValue === undefined) return undefined;
    const known = this.state.addressBook.get(contactValue);
    if (known !== undefined) return known;
    const contactId = randomUUID();
    this.state.addressBook.set(contactValue, contactId);
    return contactId;
  }

  private sessionOf(connectorCode: string, sessionId: string): SessionRecord | undefined {
    const session = this.state.sessions.get(sessionId);
    return session?.connectorCode === connectorCode ? session : undefined;
  }
}
