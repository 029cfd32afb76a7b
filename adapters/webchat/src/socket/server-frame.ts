import type { Attachment, QuickReply } from '@tvox-connector/core';

/** A message as the widget shows it, live or replayed from the ledger. */
export interface MessageFrame {
  readonly type: 'message';
  /** Outbound: the ledger id (what read receipts name). Visitor's own: its client id. */
  readonly id: string;
  readonly origin: 'visitor' | 'agent' | 'system';
  /** The agent's name; their TVox user code is never shown to visitors. */
  readonly agentName?: string;
  readonly text?: string;
  readonly attachments: readonly Attachment[];
  readonly quickReplies: readonly QuickReply[];
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * What the server sends the widget. `ready` ends the replay that follows `hello`; `ack` confirms
 * that a visitor's message is durably stored (only then does the widget forget it).
 */
export type ServerFrame =
  | MessageFrame
  | { readonly type: 'ready'; readonly visitorId: string }
  /** Sent every `heartbeatSeconds`: the widget reconnects when they stop coming. */
  | { readonly type: 'heartbeat' }
  | { readonly type: 'typing'; readonly agentName?: string }
  | { readonly type: 'ack'; readonly clientId: string }
  | {
      readonly type: 'error';
      readonly clientId?: string;
      readonly code: string;
      readonly message: string;
      /** Whether sending the same frame again later may work. */
      readonly retryable: boolean;
      /** With `TVOX_ERR_RATE_LIMITED`: how long to wait before sending it again. */
      readonly retryAfterMs?: number;
    };
