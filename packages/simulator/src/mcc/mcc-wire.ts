import { z } from 'zod';

/**
 * The wire shapes of the mcc-1.0 profile, written from TVox's public MCC documentation (v1.0.1)
 * and nothing else: they mirror `contract/mcc-1.0/mcc-1.0.xsd` field for field and in its order
 * (SOAP answers are written in this order). `startSession` and the enums are documented facts;
 * `closeSession` and `getSessionStatus` are guesses in the same style. Strings are optional as a
 * Java-first service publishes them (JAXB cannot say a `String` is required); the one `int` is
 * required.
 */

/** GUESS: the target namespace of the service's WSDL and schema (the real one is not public). */
export const MCC_NAMESPACE = 'http://ws.mc.tvox.it/';

/** FACT: `CommandResult { SUCCESS, FAILED }`. */
export const MccCommandResult = z.enum(['SUCCESS', 'FAILED']);
/** The result of every mcc-1.0 operation. */
export type MccCommandResult = z.infer<typeof MccCommandResult>;

/** FACT: `SessionStatus`, with TVox's spelling `UNKNOW`. */
export const MccSessionStatus = z.enum(['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED', 'UNKNOW']);
/** A session's status on the wire. */
export type MccSessionStatus = z.infer<typeof MccSessionStatus>;

/** FACT: the public `StartSessionFailReasonCode`s (TVox has more that are not public). */
export const StartSessionFailReasonCode = z.enum([
  'GENERIC',
  'INVALID_CHANNEL_ID',
  'NO_LICENSE',
  'UNKNOWN_CHANNEL_ID',
]);
/** Why `startSession` failed. */
export type StartSessionFailReasonCode = z.infer<typeof StartSessionFailReasonCode>;

/**
 * GUESS: the fail reasons the simulator gives for `closeSession` and `getSessionStatus`, whose
 * `failReason` is a plain string on the wire.
 */
export type SessionFailReason = 'GENERIC' | 'UNKNOWN_SESSION';

const text = z.string().optional();

/** FACT: `startSession(channelId, serviceid, sessionId, data, description, contactId, contactValue)`. */
export const StartSessionRequest = z.object({
  channelId: z.int().min(-2_147_483_648).max(2_147_483_647),
  serviceid: text,
  sessionId: text,
  data: text,
  description: text,
  contactId: text,
  contactValue: text,
});
/** A `startSession` request. */
export type StartSessionRequest = z.infer<typeof StartSessionRequest>;

/** FACT: `StartSessionResult`. */
export const StartSessionResult = z.object({
  result: MccCommandResult,
  sessionId: text,
  failReason: StartSessionFailReasonCode.optional(),
  failReasonMessage: text,
  contactId: text,
  contactValue: text,
});
/** A `startSession` answer. */
export type StartSessionResult = z.infer<typeof StartSessionResult>;

/** GUESS: `closeSession(sessionId, reason)`. */
export const CloseSessionRequest = z.object({ sessionId: text, reason: text });
/** A `closeSession` request. */
export type CloseSessionRequest = z.infer<typeof CloseSessionRequest>;

/** GUESS: `closeSession`'s answer. */
export const CloseSessionResult = z.object({
  result: MccCommandResult,
  failReason: text,
  failReasonMessage: text,
});
/** A `closeSession` answer. */
export type CloseSessionResult = z.infer<typeof CloseSessionResult>;

/** GUESS: `getSessionStatus(sessionId)`. */
export const GetSessionStatusRequest = z.object({ sessionId: text });
/** A `getSessionStatus` request. */
export type GetSessionStatusRequest = z.infer<typeof GetSessionStatusRequest>;

/** GUESS: `getSessionStatus`'s answer; `agent` is the TVox user code it is booked or assigned to. */
export const SessionStatusResult = z.object({
  result: MccCommandResult,
  status: MccSessionStatus.optional(),
  agent: text,
  failReason: text,
  failReasonMessage: text,
});
/** A `getSessionStatus` answer. */
export type SessionStatusResult = z.infer<typeof SessionStatusResult>;

/** The mcc-1.0 operations with their request and answer shapes. */
export const MCC_OPERATIONS = {
  startSession: { input: StartSessionRequest, output: StartSessionResult },
  closeSession: { input: CloseSessionRequest, output: CloseSessionResult },
  getSessionStatus: { input: GetSessionStatusRequest, output: SessionStatusResult },
} as const;
/** The name of an mcc-1.0 operation. */
export type MccOperation = keyof typeof MCC_OPERATIONS;

/** Whether `name` is an mcc-1.0 operation. */
export function isMccOperation(name: string): name is MccOperation {
  return Object.hasOwn(MCC_OPERATIONS, name);
}
