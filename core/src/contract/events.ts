import { z } from 'zod';
import { Attachment } from '../model/attachment.js';
import { IsoDateTime, NonEmptyString } from '../model/primitives.js';
import { SessionStatus } from './enums.js';

/** A per-connector event sequence number; strictly increasing, starting at 1. */
export const Sequence = z.int().positive();

const eventBase = {
  /** Position in this connector's event stream; the dedupe and ordering key. */
  sequence: Sequence,
  sessionId: NonEmptyString,
  /** When it happened in TVox. */
  at: IsoDateTime,
  /**
   * Which run of TVox's event stream the sequence belongs to, when the release says (a profile
   * maps it): sequences start again in a new epoch, and dedupe keeps them apart.
   */
  epoch: NonEmptyString.optional(),
};

/** The session's status changed in TVox. */
export const StatusChangedEvent = z.object({
  type: z.literal('statusChanged'),
  ...eventBase,
  status: SessionStatus,
  /** The agent the session is offered or assigned to, for BOOKED and ASSIGNED. */
  agentCode: NonEmptyString.optional(),
  agentName: NonEmptyString.optional(),
  /** Why, when TVox says (e.g. the close reason). */
  reason: z.string().optional(),
});
/** The session's status changed in TVox. */
export type StatusChangedEvent = z.infer<typeof StatusChangedEvent>;

/** An agent wrote to the customer. `messageId` is unique per session and stable across retries. */
export const AgentMessageEvent = z
  .object({
    type: z.literal('agentMessage'),
    ...eventBase,
    messageId: NonEmptyString,
    agentCode: NonEmptyString,
    agentName: NonEmptyString.optional(),
    text: z.string().min(1).optional(),
    attachments: z.array(Attachment).optional(),
  })
  .refine((e) => e.text !== undefined || (e.attachments?.length ?? 0) > 0, {
    message: 'an agent message needs a text or at least one attachment',
    path: ['text'],
  });
/** An agent wrote to the customer. */
export type AgentMessageEvent = z.infer<typeof AgentMessageEvent>;

/** An agent is typing. */
export const AgentTypingEvent = z.object({
  type: z.literal('agentTyping'),
  ...eventBase,
  agentCode: NonEmptyString,
});
/** An agent is typing. */
export type AgentTypingEvent = z.infer<typeof AgentTypingEvent>;

/** Any event TVox sends the connector, discriminated by `type`. */
export const TvoxEvent = z.discriminatedUnion('type', [
  StatusChangedEvent,
  AgentMessageEvent,
  AgentTypingEvent,
]);
/** Any event TVox sends the connector. */
export type TvoxEvent = z.infer<typeof TvoxEvent>;
