/** A file as the server describes it. */
export interface FileInfo {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

/** A button the visitor can press instead of typing. */
export interface QuickReply {
  readonly title: string;
  readonly payload?: string;
}

/** A message as the server sends it, live or from history. */
export interface MessageFrame {
  readonly type: 'message';
  readonly id: string;
  readonly origin: 'visitor' | 'agent' | 'system';
  readonly agentName?: string;
  readonly text?: string;
  readonly attachments: readonly FileInfo[];
  readonly quickReplies: readonly QuickReply[];
  readonly at: number;
}

/** What the server sends on the socket. */
export type ServerFrame =
  | MessageFrame
  | { readonly type: 'ready'; readonly visitorId: string }
  | { readonly type: 'heartbeat' }
  | { readonly type: 'typing'; readonly agentName?: string }
  | { readonly type: 'ack'; readonly clientId: string }
  | {
      readonly type: 'error';
      readonly clientId?: string;
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
      /** How long the server asked to wait before sending again (over a rate limit). */
      readonly retryAfterMs?: number;
    };

/** A message the visitor wrote, kept until the server acknowledges it. */
export interface PendingMessage {
  readonly type: 'message';
  readonly clientId: string;
  readonly text?: string;
  /** References from the upload endpoint. */
  readonly attachments?: readonly string[];
  readonly quickReplyPayload?: string;
  readonly locale?: string;
  /** How the files look in the transcript meanwhile (not sent). */
  readonly files?: readonly FileInfo[];
  /** When the visitor wrote it, epoch ms (not sent). */
  readonly at: number;
}

/** What the widget sends on the socket. */
export type ClientFrame =
  | { readonly type: 'hello'; readonly token: string; readonly after?: string }
  | Omit<PendingMessage, 'files' | 'at'>
  | { readonly type: 'typing' }
  | {
      readonly type: 'receipt';
      readonly status: 'delivered' | 'read';
      readonly ids: readonly string[];
    };

/** The widget's settings, from its script tag. */
export interface WidgetConfig {
  /** The channel's base URL, ending in `/`. */
  readonly base: string;
  readonly title: string;
  readonly startOpen: boolean;
  /** The host-signed identity, as the page gave it. */
  readonly identity?: Readonly<Record<string, string | number>>;
}
