/**
 * The shapes the admin API (`/admin/api`) answers with, as far as the console reads them. They
 * mirror `AgentView`, `DeskView` and `SessionRecord` in the simulator's engine; the console is
 * compiled for the browser on its own, so it keeps its own copy.
 */

/** Whether an agent can be offered sessions; `offline` means logged out. */
export type Presence = 'offline' | 'available' | 'away';

/** The logged-in agent. */
export interface Agent {
  readonly code: string;
  readonly name: string;
  readonly skills: Readonly<Record<string, number>>;
  readonly capacity: number;
  readonly presence: Presence;
  readonly activeSessions: number;
}

export type SessionStatus = 'NEW' | 'QUEUED' | 'BOOKED' | 'ASSIGNED' | 'CLOSED';

/** The customer as the connector described them. */
export interface Contact {
  readonly id: string;
  readonly channel: string;
  readonly displayName?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly locale?: string;
}

/** A file sent with a message; `url` is where it can be fetched. */
export interface Attachment {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

/** One message of a session, from the customer or an agent. */
export interface TranscriptEntry {
  readonly from: 'customer' | 'agent';
  readonly messageId: string;
  readonly text?: string;
  readonly attachments: readonly Attachment[];
  /** ISO 8601. */
  readonly at: string;
  readonly agentCode?: string;
}

/** An event issued to the connector for a session; the console only reads its time. */
export interface SessionEvent {
  readonly type: string;
  readonly sequence: number;
  readonly at: string;
}

/** A session offered to, assigned to, or recently closed by the agent. */
export interface Session {
  readonly sessionId: string;
  readonly connectorCode: string;
  readonly serviceCode: string;
  readonly contact: Contact;
  readonly channelSessionId: string;
  readonly channelData?: string;
  readonly subject?: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly status: SessionStatus;
  readonly agentCode?: string;
  /** Epoch milliseconds, while the session is offered (BOOKED). */
  readonly offerExpiresAt?: number;
  readonly closeReason?: string;
  readonly createdAt: string;
  readonly transcript: readonly TranscriptEntry[];
  readonly events: readonly SessionEvent[];
}

/** `GET /agents/:code/desk`. */
export interface Desk {
  readonly agent: Agent;
  readonly sessions: readonly Session[];
}

/** One line of the server-sent `/changes` stream. */
export interface Change {
  readonly kind: 'session' | 'agent' | 'service' | 'connector';
  readonly id: string;
}
