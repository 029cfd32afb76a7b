import type {
  Attachment,
  Attributes,
  Contact,
  SessionStatus,
  TvoxEvent,
} from '@tvox-connector/core';
import type {
  AgentDefinition,
  ConnectorDefinition,
  ServiceDefinition,
} from '../config/simulator-config.js';

/** Whether an agent can be offered sessions. `offline` means logged out. */
export type Presence = 'offline' | 'available' | 'away';

/** An agent with their live state. */
export interface AgentRecord extends AgentDefinition {
  presence: Presence;
  /** When the agent was last offered a session, or logged in: longest-idle routing reads it. */
  lastOfferedAt: number;
}

/** A service with its round-robin cursor. */
export interface ServiceRecord extends ServiceDefinition {
  /** Code of the agent the last session was offered to. */
  lastAgentCode?: string;
}

/** A connector account with its event stream. */
export interface ConnectorRecord extends ConnectorDefinition {
  /** The last sequence issued to this connector. */
  lastSequence: number;
  /** Everything up to here is acknowledged (polled and acked, or pushed and answered 2xx). */
  ackedSequence: number;
  /** Issued events not yet acknowledged, in sequence order. */
  pending: TvoxEvent[];
}

/** One line of a session's transcript, as the agent console shows it. */
export interface TranscriptEntry {
  readonly from: 'customer' | 'agent';
  readonly messageId: string;
  readonly text?: string;
  readonly attachments: readonly Attachment[];
  readonly at: string;
  readonly agentCode?: string;
}

/**
 * What an mcc-1.0 `startSession` said of a session beyond the common fields (its `data` and
 * `description` are the session's `channelData` and `subject`, as the agent's popup names them).
 */
export interface ChannelRouting {
  /** The TVox channel id the session was started on. */
  readonly channelId: number;
  /** The address-book contact's UUID: given by the caller, or found for its `contactValue`. */
  readonly contactId?: string;
  /** The address-book contact value, e.g. a phone number. */
  readonly contactValue?: string;
}

/** A session with everything it received, the ledger tests assert on. */
export interface SessionRecord {
  readonly sessionId: string;
  readonly connectorCode: string;
  readonly serviceCode: string;
  readonly requestId: string;
  readonly contact: Contact;
  readonly channelSessionId: string;
  readonly channelData?: string;
  readonly subject?: string;
  readonly attributes: Attributes;
  /** Present for sessions started through the mcc-1.0 profile. */
  readonly routing?: ChannelRouting;
  status: Exclude<SessionStatus, 'UNKNOW'>;
  /** The agent it is offered or assigned to (kept after CLOSED). */
  agentCode?: string;
  /** When it entered the queue last (while NEW: when it will); queues are served oldest first. */
  queuedAt: number;
  /** When the current offer expires, while BOOKED. */
  offerExpiresAt?: number;
  /** Agents who let an offer lapse or declined; offered again only when nobody else is free. */
  declinedBy: string[];
  closeReason?: string;
  readonly createdAt: string;
  transcript: TranscriptEntry[];
  /** Every event issued for this session, in sequence order. */
  events: TvoxEvent[];
}

/** What makes two requests with one idempotency key the same request. */
export interface IdempotentAnswer<T> {
  readonly fingerprint: string;
  readonly answer: T;
}
