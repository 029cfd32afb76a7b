import type {
  AckEventsInput,
  ContractErrorCode,
  CloseSessionInput,
  CommandOutput,
  GetSessionStatusInput,
  GetSessionStatusOutput,
  OpenSessionInput,
  OpenSessionOutput,
  PollEventsInput,
  PollEventsOutput,
  SendMessageInput,
} from '@tvox-connector/core';
import type { ConnectorRecord, SessionRecord } from './records.js';
import type { SimulatorState } from './simulator-state.js';

const SUCCESS = { result: 'SUCCESS' } as const;

function failed(errorCode: ContractErrorCode, errorMessage: string): CommandOutput {
  return { result: 'FAILED', errorCode, errorMessage };
}

/**
 * The six contract commands, as TVox answers them. Inputs are already schema-valid (the HTTP
 * layer answers malformed requests 400); business problems are `result: FAILED` with a contract
 * error code. Idempotent exactly as the contract says: a retry of `openSession` with the same
 * `requestId`, or of `sendMessage` with the same `messageId`, gets the first answer.
 */
export class ConnectorCommands {
  constructor(private readonly state: SimulatorState) {}

  openSession(input: OpenSessionInput): OpenSessionOutput {
    const key = `${input.connectorCode}\u0000${input.requestId}`;
    const fingerprint = JSON.stringify([
      input.serviceCode,
      input.contact.id,
      input.contact.channel,
      input.channelSessionId,
    ]);
    const previous = this.state.openAnswers.get(key);
    if (previous) {
      return previous.fingerprint === fingerprint
        ? previous.answer
        : failed('DUPLICATE', `requestId ${input.requestId} was used for another session`);
    }
    const refusal = this.refuseConnector(input.connectorCode);
    if (refusal) return refusal;
    if (!this.state.services.has(input.serviceCode)) {
      return failed('UNKNOWN_SERVICE', `no service with code ${input.serviceCode}`);
    }
    const session = this.state.open({
      sessionId: this.state.newSessionId(),
      connectorCode: input.connectorCode,
      serviceCode: input.serviceCode,
      requestId: input.requestId,
      contact: input.contact,
      channelSessionId: input.channelSessionId,
      ...(input.channelData === undefined ? {} : { channelData: input.channelData }),
      ...(input.subject === undefined ? {} : { subject: input.subject }),
      attributes: input.attributes ?? {},
    });
    const answer: OpenSessionOutput = {
      ...SUCCESS,
      sessionId: session.sessionId,
      status: session.status,
    };
    this.state.openAnswers.set(key, { fingerprint, answer });
    return answer;
  }

  sendMessage(input: SendMessageInput): CommandOutput {
    const key = `${input.sessionId}\u0000${input.message.messageId}`;
    const fingerprint = JSON.stringify([
      input.message.text ?? null,
      input.message.attachments ?? [],
    ]);
    const previous = this.state.sendAnswers.get(key);
    if (previous) {
      return previous.fingerprint === fingerprint
        ? previous.answer
        : failed('DUPLICATE', `messageId ${input.message.messageId} was used for another message`);
    }
    const found = this.openSessionOf(input.connectorCode, input.sessionId);
    if ('result' in found) return found;
    found.transcript.push({
      from: 'customer',
      messageId: input.message.messageId,
      ...(input.message.text === undefined ? {} : { text: input.message.text }),
      attachments: input.message.attachments ?? [],
      at: input.message.sentAt,
    });
    this.state.changed('session', found.sessionId);
    this.state.sendAnswers.set(key, { fingerprint, answer: SUCCESS });
    return SUCCESS;
  }

  closeSession(input: CloseSessionInput): CommandOutput {
    const session = this.sessionOf(input.connectorCode, input.sessionId);
    if ('result' in session) return session;
    if (session.status !== 'CLOSED') {
      this.state.close(session, input.reason ?? 'closed by the connector');
    }
    return SUCCESS;
  }

  getSessionStatus(input: GetSessionStatusInput): GetSessionStatusOutput {
    const refusal = this.refuseConnector(input.connectorCode);
    if (refusal) return refusal;
    const session = this.state.sessions.get(input.sessionId);
    return {
      ...SUCCESS,
      status: session?.connectorCode === input.connectorCode ? session.status : 'UNKNOW',
    };
  }

  pollEvents(input: PollEventsInput): PollEventsOutput {
    const connector = this.connectorOf(input.connectorCode);
    if ('result' in connector) return connector;
    const events = connector.pending
      .filter((e) => e.sequence > input.afterSequence)
      .slice(0, input.max);
    return {
      ...SUCCESS,
      ...(events.length > 0 ? { events } : {}),
      lastSequence: connector.lastSequence,
    };
  }

  ackEvents(input: AckEventsInput): CommandOutput {
    const connector = this.connectorOf(input.connectorCode);
    if ('result' in connector) return connector;
    if (input.upToSequence > connector.lastSequence) {
      return failed(
        'INVALID_REQUEST',
        `upToSequence ${input.upToSequence} is beyond the last issued sequence ${connector.lastSequence}`,
      );
    }
    this.state.acknowledge(input.connectorCode, input.upToSequence);
    return SUCCESS;
  }

  private connectorOf(connectorCode: string): ConnectorRecord | CommandOutput {
    return (
      this.state.connectors.get(connectorCode) ??
      failed('UNAUTHORIZED', `no connector with user code ${connectorCode}`)
    );
  }

  private refuseConnector(connectorCode: string): CommandOutput | undefined {
    const connector = this.connectorOf(connectorCode);
    return 'result' in connector ? connector : undefined;
  }

  /** The connector's session, or the FAILED answer saying why not. */
  private sessionOf(connectorCode: string, sessionId: string): SessionRecord | CommandOutput {
    const refusal = this.refuseConnector(connectorCode);
    if (refusal) return refusal;
    const session = this.state.sessions.get(sessionId);
    if (session?.connectorCode !== connectorCode) {
      return failed('UNKNOWN_SESSION', `no session ${sessionId} for connector ${connectorCode}`);
    }
    return session;
  }

  private openSessionOf(connectorCode: string, sessionId: string): SessionRecord | CommandOutput {
    const session = this.sessionOf(connectorCode, sessionId);
    if ('result' in session) return session;
    return session.status === 'CLOSED'
      ? failed('SESSION_CLOSED', `session ${sessionId} is closed`)
      : session;
  }
}
