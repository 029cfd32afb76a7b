import type { Attachment } from '../model/attachment.js';
import type { Customer } from '../model/conversation.js';

/**
 * What the connector asks of TVox, command by command, whatever the release calls it. Each
 * request is shaped like the variables a profile's templates name: `{channel.tvoxChannelId}`
 * is `request.channel.tvoxChannelId`. The transport adds `connector.code`.
 */

/** The customer as TVox may see them. */
export interface SessionContact extends Customer {
  /**
   * A value for TVox's address book (`contactValue`), only where it is meant for it: the
   * customer's `contactValue` an adapter set, or their phone number; never a network's user id.
   */
  readonly value?: string;
  /** The address-book contact TVox answered for this conversation before (`contactId`). */
  readonly tvoxId?: string;
}

/** `openSession`: a new session for a conversation, routed to a service. */
export interface OpenSessionRequest {
  /** The attempt's idempotency key, for releases that take one. */
  readonly request: { readonly id: string };
  readonly session: {
    /** The id the connector chose for the session; a release may answer with its own. */
    readonly id: string;
    /** The TVox service the session is routed to. */
    readonly serviceCode: string;
    /** What the agent's popup shows as the description (`CALL_CHANNELDESCRIPTION`). */
    readonly description?: string;
    /** The popup's additional data (`CALL_CHANNELDATA`). */
    readonly data?: string;
  };
  readonly channel: {
    /** The connector's channel id. */
    readonly id: string;
    /** TVox's channel id (1, 2, 3, 1003, …). */
    readonly tvoxChannelId?: number;
  };
  /** The conversation's id on the network. */
  readonly conversation: { readonly id: string };
  readonly contact: SessionContact;
  /** The network entry point (bot, page, number) the customer wrote to. */
  readonly entryPoint?: string;
  /** Extra routing data for releases that take a map. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A customer message, for releases that carry messages. */
export interface CustomerMessage {
  /** The idempotency key. */
  readonly id: string;
  readonly text?: string;
  readonly attachments?: readonly Attachment[];
  readonly sentAt: string;
}

/** `sendMessage`: a customer message into an open session. */
export interface SendMessageRequest {
  readonly session: { readonly id: string };
  readonly message: CustomerMessage;
}

/** `closeSession`: the connector ends a session. */
export interface CloseSessionRequest {
  readonly session: { readonly id: string };
  readonly close?: { readonly reason?: string };
}

/** `getSessionStatus`: where a session stands. */
export interface SessionStatusRequest {
  readonly session: { readonly id: string };
}

/** `pollEvents`: events after a sequence. */
export interface PollEventsRequest {
  readonly poll: { readonly afterSequence: number; readonly max: number };
}

/** `ackEvents`: every event up to a sequence is handled. */
export interface AckEventsRequest {
  readonly ack: { readonly upToSequence: number };
}
