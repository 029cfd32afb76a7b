/**
 * What a profile can bind: the connector's commands, the variables each one's request templates
 * may name, the answer fields each one reads, the event kinds, and what a failure can mean.
 * Profiles are checked against this catalogue when they are loaded, so a misspelt variable or
 * field is an error at start, never an empty value at run time.
 */

/** The connector's commands, in the order a session meets them, then the push callback. */
export const CONNECTOR_COMMANDS = [
  'openSession',
  'sendMessage',
  'closeSession',
  'getSessionStatus',
  'pollEvents',
  'ackEvents',
  'notifyEvents',
] as const;
/** A connector command (or the `notifyEvents` push callback). */
export type ConnectorCommand = (typeof CONNECTOR_COMMANDS)[number];

/** The commands the connector calls on TVox (every one but the push callback). */
export type OutgoingCommand = Exclude<ConnectorCommand, 'notifyEvents'>;

/** The kinds of event TVox may send. */
export const EVENT_KINDS = ['statusChanged', 'agentMessage', 'agentTyping'] as const;
/** A kind of TVox event. */
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * What a release's failure code means to the connector:
 * - `unknown-session`, `session-closed`: the session is gone; the relay opens a new one;
 * - `session-exists`: `openSession` was already done with this id (a retry): the connector
 *   checks the session's status instead of failing;
 * - `no-license`: the channel's licence is missing or exceeded; retried with a long back-off;
 * - `invalid-channel`, `unknown-service`, `unauthorized`: configuration to fix, not retried;
 * - `unavailable`: temporary, retried;
 * - `invalid-request`, `duplicate`, `rejected`: refused for good.
 */
export const FAILURE_MEANINGS = [
  'unknown-session',
  'session-closed',
  'session-exists',
  'no-license',
  'invalid-channel',
  'unknown-service',
  'unauthorized',
  'unavailable',
  'invalid-request',
  'duplicate',
  'rejected',
] as const;
/** What a release's failure code means to the connector. */
export type FailureMeaningName = (typeof FAILURE_MEANINGS)[number];

const CONNECTOR = ['connector.code'];

/** The variables each command's request templates may name. */
export const REQUEST_VARIABLES: Readonly<Record<ConnectorCommand, readonly string[]>> = {
  openSession: [
    ...CONNECTOR,
    'request.id',
    'session.id',
    'session.serviceCode',
    'session.description',
    'session.data',
    'channel.id',
    'channel.tvoxChannelId',
    'conversation.id',
    'contact',
    'contact.id',
    'contact.displayName',
    'contact.phone',
    'contact.email',
    'contact.locale',
    'contact.value',
    'contact.tvoxId',
    'entryPoint',
    'attributes',
  ],
  sendMessage: [
    ...CONNECTOR,
    'session.id',
    'message.id',
    'message.text',
    'message.sentAt',
    'message.attachments',
    'message.attachments[].name',
    'message.attachments[].contentType',
    'message.attachments[].size',
    'message.attachments[].url',
  ],
  closeSession: [...CONNECTOR, 'session.id', 'close.reason'],
  getSessionStatus: [...CONNECTOR, 'session.id'],
  pollEvents: [...CONNECTOR, 'poll.afterSequence', 'poll.max'],
  ackEvents: [...CONNECTOR, 'ack.upToSequence'],
  // TVox calls the callback: its "request" is read, not written, through `answer` and `events`.
  notifyEvents: [],
};

/**
 * The variables a channel's session templates (`channels[].session.description`, `.data`) may
 * name: what is known of the conversation before TVox is asked.
 */
export const SESSION_TEMPLATE_VARIABLES: readonly string[] = [
  ...REQUEST_VARIABLES.openSession.filter(
    (name) =>
      !['request.id', 'session.description', 'session.data', 'contact', 'attributes'].includes(
        name,
      ),
  ),
  // The agent desk's URL (`routing.deskUrl`), for the session's link in routing mode.
  'desk.url',
];

/** The answer fields each command reads (for `notifyEvents`: what the push carries). */
export const ANSWER_FIELDS: Readonly<Record<ConnectorCommand, readonly string[]>> = {
  openSession: ['sessionId', 'status', 'contactId'],
  sendMessage: [],
  closeSession: [],
  getSessionStatus: ['status', 'agent.code', 'agent.name'],
  pollEvents: ['lastSequence'],
  ackEvents: [],
  notifyEvents: ['connectorCode'],
};

/** Fields every event has. */
export const EVENT_COMMON_FIELDS = ['sequence', 'sessionId', 'at', 'epoch'] as const;

/** Fields of each kind of event, besides the common ones. */
export const EVENT_FIELDS: Readonly<Record<EventKind, readonly string[]>> = {
  statusChanged: ['status', 'agentCode', 'agentName', 'reason'],
  agentMessage: [
    'messageId',
    'agentCode',
    'agentName',
    'text',
    'attachments',
    'attachments[].name',
    'attachments[].contentType',
    'attachments[].size',
    'attachments[].url',
  ],
  agentTyping: ['agentCode'],
};

/** Commands that carry events in their answer (or push). */
export const EVENT_COMMANDS: ReadonlySet<ConnectorCommand> = new Set([
  'pollEvents',
  'notifyEvents',
]);
