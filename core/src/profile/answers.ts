import { z } from 'zod';
import { NonEmptyString } from '../model/primitives.js';
import { SessionStatus } from '../contract/enums.js';

/**
 * The connector's side of TVox's answers: what each command reads, whatever the release calls it.
 * A profile's `answer` mapping fills these; they are validated before the connector acts on them.
 * Text from XML is read leniently where the release types a value as a number.
 */

/** A whole number written as text (XML carries every value as text) read as a number. */
export function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
}

const WireInt = z.preprocess(numberFromText, z.int());

/** What `openSession` answers: TVox's id for the session (ours when absent), status, contact. */
export const OpenSessionAnswer = z.object({
  sessionId: NonEmptyString.optional(),
  status: SessionStatus.optional(),
  /** The address-book contact TVox matched or created, to send again next time. */
  contactId: NonEmptyString.optional(),
});
/** What `openSession` answers. */
export type OpenSessionAnswer = z.infer<typeof OpenSessionAnswer>;

/** What `getSessionStatus` answers; `UNKNOW` for a session TVox does not know. */
export const SessionStatusAnswer = z.object({
  status: SessionStatus,
  /** The agent the session is booked for or assigned to, where the release reports it. */
  agent: z.object({ code: NonEmptyString, name: NonEmptyString.optional() }).optional(),
});
/** What `getSessionStatus` answers. */
export type SessionStatusAnswer = z.infer<typeof SessionStatusAnswer>;

/** What `pollEvents` answers besides the events. */
export const PollEventsAnswer = z.object({ lastSequence: WireInt.pipe(z.int().min(0)).optional() });
/** What `pollEvents` answers besides the events. */
export type PollEventsAnswer = z.infer<typeof PollEventsAnswer>;

/** What a push carries besides the events. */
export const NotifyEventsAnswer = z.object({ connectorCode: NonEmptyString.optional() });
/** What a push carries besides the events. */
export type NotifyEventsAnswer = z.infer<typeof NotifyEventsAnswer>;

/** An answer with nothing to read but its outcome. */
export const EmptyAnswer = z.object({});

/** Each command's answer schema. */
export const ANSWER_SCHEMAS = {
  openSession: OpenSessionAnswer,
  sendMessage: EmptyAnswer,
  closeSession: EmptyAnswer,
  getSessionStatus: SessionStatusAnswer,
  pollEvents: PollEventsAnswer,
  ackEvents: EmptyAnswer,
  notifyEvents: NotifyEventsAnswer,
} as const;

/** A command's answer, as the connector reads it. */
export type AnswerOf<C extends keyof typeof ANSWER_SCHEMAS> = z.output<(typeof ANSWER_SCHEMAS)[C]>;
