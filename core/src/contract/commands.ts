import { z } from 'zod';
import { Attachment } from '../model/attachment.js';
import { Customer } from '../model/conversation.js';
import { IsoDateTime, NonEmptyString } from '../model/primitives.js';
import { CommandResult, SessionStatus } from './enums.js';
import { Sequence, TvoxEvent } from './events.js';

/**
 * The project's relay contract (profile `tvox-mc-relay`) as a service implements it: inputs and
 * outputs of its six commands and of the `notifyEvents` callback, which the simulator serves.
 * Field names are the wire names in SOAP and REST, except for events, which travel in the
 * structural form a Java-first service publishes (one child element per kind; the simulator
 * converts at its wire). Every input carries `connectorCode`, the connector's TVox user code.
 * The connector itself never reads these: it speaks any release through its contract profile.
 */

const connectorCode = NonEmptyString;

/**
 * The customer as TVox sees it: the network's customer plus the channel it writes on. Without
 * `contactValue`: what an adapter means for TVox's address book goes as the MCC's
 * `contactValue` of a session, not as a field of the relay contract's contact.
 */
export const Contact = Customer.omit({ contactValue: true }).extend({
  /** The connector's channel id (the relay contract shows it to the agent). */
  channel: NonEmptyString,
});
/** The customer as TVox sees it. */
export type Contact = z.infer<typeof Contact>;

/** String map passed to TVox for routing and the agent's pop-up. */
export const Attributes = z.record(z.string(), z.string());
/** String map passed to TVox for routing and the agent's pop-up. */
export type Attributes = z.infer<typeof Attributes>;

/** A customer message as `sendMessage` carries it. `messageId` is the idempotency key. */
export const ContractMessage = z.object({
  messageId: NonEmptyString,
  text: z.string().min(1).optional(),
  attachments: z.array(Attachment).optional(),
  sentAt: IsoDateTime,
});
/** A customer message as `sendMessage` carries it. */
export type ContractMessage = z.infer<typeof ContractMessage>;

/** Fields every command output has; `errorCode`/`errorMessage` come with `result: FAILED`. */
export const CommandOutput = z.object({
  result: CommandResult,
  /** A contract error code; kept as a string so that codes of newer releases still parse. */
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
});
/** Fields every command output has. */
export type CommandOutput = z.infer<typeof CommandOutput>;

/** `openSession` input. Idempotent on `requestId`: a retry returns the first answer. */
export const OpenSessionInput = z.object({
  connectorCode,
  /** The TVox service the session is routed to. */
  serviceCode: NonEmptyString,
  /** Idempotency key. */
  requestId: NonEmptyString,
  contact: Contact,
  /** The conversation's id on the channel, shown to the agent. */
  channelSessionId: NonEmptyString,
  /** Free-form channel data shown to the agent. */
  channelData: z.string().optional(),
  /** Description of the session shown to the agent. */
  subject: z.string().optional(),
  attributes: Attributes.optional(),
});
/** `openSession` input. */
export type OpenSessionInput = z.infer<typeof OpenSessionInput>;

/** `openSession` output; `sessionId` and `status` are present on SUCCESS. */
export const OpenSessionOutput = CommandOutput.extend({
  sessionId: NonEmptyString.optional(),
  status: SessionStatus.optional(),
});
/** `openSession` output. */
export type OpenSessionOutput = z.infer<typeof OpenSessionOutput>;

/** `sendMessage` input. Idempotent on `message.messageId`. */
export const SendMessageInput = z.object({
  connectorCode,
  sessionId: NonEmptyString,
  message: ContractMessage,
});
/** `sendMessage` input. */
export type SendMessageInput = z.infer<typeof SendMessageInput>;

/** `closeSession` input. Closing a closed session succeeds. */
export const CloseSessionInput = z.object({
  connectorCode,
  sessionId: NonEmptyString,
  reason: z.string().optional(),
});
/** `closeSession` input. */
export type CloseSessionInput = z.infer<typeof CloseSessionInput>;

/** `getSessionStatus` input. */
export const GetSessionStatusInput = z.object({
  connectorCode,
  sessionId: NonEmptyString,
});
/** `getSessionStatus` input. */
export type GetSessionStatusInput = z.infer<typeof GetSessionStatusInput>;

/** `getSessionStatus` output; `status` is `UNKNOW` for a session TVox does not know. */
export const GetSessionStatusOutput = CommandOutput.extend({
  status: SessionStatus.optional(),
});
/** `getSessionStatus` output. */
export type GetSessionStatusOutput = z.infer<typeof GetSessionStatusOutput>;

/** Most events one `pollEvents` may ask for. */
export const MAX_POLL_EVENTS = 1000;

/** `pollEvents` input: events with a sequence greater than `afterSequence`, at most `max`. */
export const PollEventsInput = z.object({
  connectorCode,
  afterSequence: z.int().nonnegative(),
  max: z.int().min(1).max(MAX_POLL_EVENTS),
});
/** `pollEvents` input. */
export type PollEventsInput = z.infer<typeof PollEventsInput>;

/**
 * `pollEvents` output. `events` is absent when there are none (as a CXF list is on the wire);
 * `lastSequence` is the highest sequence TVox has issued to this connector.
 */
export const PollEventsOutput = CommandOutput.extend({
  events: z.array(TvoxEvent).optional(),
  lastSequence: z.int().nonnegative().optional(),
});
/** `pollEvents` output. */
export type PollEventsOutput = z.infer<typeof PollEventsOutput>;

/** `ackEvents` input: every event up to and including `upToSequence` is handled. */
export const AckEventsInput = z.object({
  connectorCode,
  upToSequence: Sequence,
});
/** `ackEvents` input. */
export type AckEventsInput = z.infer<typeof AckEventsInput>;

/** `notifyEvents` input: TVox pushes events to the connector's callback. */
export const NotifyEventsInput = z.object({
  connectorCode,
  events: z.array(TvoxEvent).min(1),
});
/** `notifyEvents` input. */
export type NotifyEventsInput = z.infer<typeof NotifyEventsInput>;

/**
 * Every operation of the contract with its input and output schema: the six commands
 * (connector → TVox) and the `notifyEvents` callback (TVox → connector). Transports, the simulator
 * and the WSDL/WADL agreement tests all read this one table.
 */
export const CONTRACT_OPERATIONS = {
  openSession: { input: OpenSessionInput, output: OpenSessionOutput },
  sendMessage: { input: SendMessageInput, output: CommandOutput },
  closeSession: { input: CloseSessionInput, output: CommandOutput },
  getSessionStatus: { input: GetSessionStatusInput, output: GetSessionStatusOutput },
  pollEvents: { input: PollEventsInput, output: PollEventsOutput },
  ackEvents: { input: AckEventsInput, output: CommandOutput },
  notifyEvents: { input: NotifyEventsInput, output: CommandOutput },
} as const;

/** The name of a contract operation. */
export type ContractOperation = keyof typeof CONTRACT_OPERATIONS;

/** The six commands the connector sends TVox (every operation but the callback). */
export type ContractCommand = Exclude<ContractOperation, 'notifyEvents'>;
