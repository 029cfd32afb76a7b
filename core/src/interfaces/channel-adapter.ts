import type { Capabilities } from '../model/capabilities.js';
import type { ChannelId } from '../model/conversation.js';
import type { InboundActivity } from '../model/inbound.js';
import type { OutboundActivity, SendReceipt } from '../model/outbound.js';

/** An HTTP request from a network, as core hands it to an adapter. */
export interface WebhookRequest {
  readonly method: string;
  /** The path below the adapter's mount point, starting with `/`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received, for signature checks. Already bounded by the size limit. */
  readonly rawBody: Buffer;
}

/** A webhook request as far as its headers: what can be checked before its body is read. */
export type WebhookHeaders = Omit<WebhookRequest, 'rawBody'>;

/** The media types a webhook's POST body may come as when its adapter names none. */
export const DEFAULT_WEBHOOK_CONTENT_TYPES: readonly string[] = ['application/json'];

/** What an adapter made of a verified webhook request. */
export type ParseResult =
  /** Activities to accept; the request is answered 2xx once they are durably stored. */
  | { readonly kind: 'activities'; readonly activities: readonly InboundActivity[] }
  /** Something the adapter does not handle (a group message, a sticker): answered 200, counted. */
  | { readonly kind: 'ignored'; readonly reason: string }
  /** A handshake the network expects a specific answer to (a subscription challenge). */
  | {
      readonly kind: 'reply';
      readonly status: number;
      readonly contentType: string;
      readonly body: string;
    };

/**
 * Where an adapter that receives without webhooks (long polling, WebSocket) hands activities.
 * `accept` resolves once they are durably stored; only then may the adapter confirm them to the
 * network (advance a poll offset, acknowledge a frame).
 */
export interface InboundSink {
  accept(activities: readonly InboundActivity[]): Promise<void>;
  /**
   * Durable named positions (a poll offset) kept in the connector's store, so that an adapter
   * resumes where it stopped after a restart. Absent when the sink keeps nothing durably; an
   * adapter that must resume refuses to start without it. Names are the adapter's, scoped by its
   * channel id (`<channel>:offset`): every adapter of the connector shares one namespace.
   */
  readonly cursors?: SinkCursors;
}

/**
 * What a request through the inbound gate came to: its activities stored durably, content the
 * adapter does not relay (counted), or a handshake's own answer.
 */
export type AdmitOutcome =
  | { readonly kind: 'accepted'; readonly activities: readonly InboundActivity[] }
  | Exclude<ParseResult, { readonly kind: 'activities' }>;

/**
 * The way in an adapter's `start` is given: the relay's sink behind core's one inbound gate.
 * Activities the adapter read itself go to `accept` (or `admitParsed`, to have ignored content
 * counted); a request it received itself (a socket frame) to `admit`, which verifies, parses,
 * stores and counts it exactly as a webhook is.
 */
export interface InboundGateway extends InboundSink {
  /** Verify → parse → accept → count; throws the typed error (counted) when refused. */
  admit(request: WebhookRequest): Promise<AdmitOutcome>;
  /** Accept → count, for what the adapter parsed itself. */
  admitParsed(parsed: ParseResult): Promise<AdmitOutcome>;
  /**
   * Counts and logs what the adapter received itself and could not read (an update of a long
   * poll that fails its schema), as a refused webhook is; the adapter then skips it.
   */
  reject(error: unknown): void;
}

/** Durable named positions an adapter keeps through its {@link InboundSink}. */
export interface SinkCursors {
  /** The value last set under `name`, or undefined if never set. */
  get(name: string): Promise<string | undefined>;
  /** Sets `name`; resolves once the value is durable. */
  set(name: string, value: string): Promise<void>;
}

/** What an {@link AdapterRoute} answers: a string, bytes, or a stream of bytes for large files. */
export interface RouteAnswer {
  readonly status: number;
  /** Response headers, names in lower case (`content-type`, `content-length`, ...). */
  readonly headers: Readonly<Record<string, string>>;
  /** Streams are piped to the client as they come, never buffered whole. */
  readonly body: string | Uint8Array | AsyncIterable<Uint8Array>;
}

/**
 * An HTTP route an adapter serves beside its webhook, for what a network or TVox must fetch from
 * the connector (a file the customer sent, proxied so that the network's credentials never reach
 * TVox). The server that mounts the adapter's webhook at `{mount}` serves each route at
 * `{mount}{path}`.
 */
export interface AdapterRoute {
  readonly method: 'GET' | 'POST';
  /** Path below the adapter's mount point, starting with `/`, matched exactly (query aside). */
  readonly path: string;
  /** Handles one request; never throws: failures are answers (400, 403, 404, 502). */
  handle(request: WebhookRequest): Promise<RouteAnswer>;
}

/** What an adapter says of its own receiving, shown as a line of the relay's readiness. */
export interface AdapterReadiness {
  /** False when the channel cannot receive until someone acts (a revoked token). */
  readonly ok: boolean;
  /** Why not, or what is failing meanwhile. */
  readonly detail?: string;
}

/**
 * One messaging network. An adapter is small: it verifies and parses what the network sends,
 * sends what core asks, and declares what the network renders. Retries, dedupe, ordering,
 * persistence, fallback and sessions are core's job, never an adapter's.
 */
export interface ChannelAdapter {
  /** This channel instance's id (from config); becomes `contact.channel` in TVox. */
  readonly channel: ChannelId;
  /** The network, e.g. `telegram`; several channels may share one network. */
  readonly network: string;
  /** What one call to the network carries and what it renders; core adapts messages to it. */
  readonly capabilities: Capabilities;

  /**
   * True when sending the same activity again (same `messageId`) shows the customer one message:
   * the network deduplicates on an idempotency key the adapter passes, or the client does (the
   * web chat's widget shows a message id once). Absent or false: a message whose previous
   * attempt was interrupted (an instance stopped mid-call) is not sent again but kept in the
   * dead letters as `TVOX_ERR_DELIVERY_UNCERTAIN`, since it may or may not have arrived.
   */
  readonly idempotentSend?: boolean;

  /**
   * Checks a webhook's signature or credentials before anything is parsed. Throws
   * `SignatureError` (answered 401). Must compare secrets in constant time.
   */
  verify(request: WebhookRequest): void | Promise<void>;

  /**
   * Checks the part of a webhook's credentials that travels in its headers (a secret-token
   * header), as soon as the headers arrive and before the body is read, so that an unsigned
   * request never gets to send its body. Throws `SignatureError` (answered 401, and the
   * connection closed). `verify` still runs on the whole request. For schemes that sign the body
   * (an HMAC over it) there is nothing to check early: leave it out.
   */
  verifyHeaders?(request: WebhookHeaders): void | Promise<void>;

  /**
   * The media types (`type/subtype`) the network POSTs its webhooks as; others are answered 415
   * before the body is read. {@link DEFAULT_WEBHOOK_CONTENT_TYPES} (JSON) when absent.
   */
  readonly webhookContentTypes?: readonly string[];

  /**
   * The answer to a webhook once its activities are stored (or its content ignored), for networks
   * that read the answer (Twilio reads it as TwiML). A JSON summary when absent.
   */
  readonly webhookAnswer?: { readonly contentType: string; readonly body: string };

  /**
   * Turns a verified webhook into activities. Throws `InvalidInputError` for a malformed body
   * (answered 400) and nothing else: unsupported content is `ignored`, not an error.
   */
  parse(request: WebhookRequest): ParseResult | Promise<ParseResult>;

  /**
   * Delivers one activity to the customer in one call to the network: core has split every
   * message into parts that each fit one call by {@link capabilities}. Keeps nothing of what it
   * sent: core's ledger knows what went out, and a retry of a part (by another instance, after a
   * restart) is that call again. Throws `NetworkApiError` on failure, with `retryAfterMs` when the
   * network asked to slow down; core retries, the adapter never does.
   */
  send(activity: OutboundActivity): Promise<SendReceipt>;

  /** Starts receiving by other means than webhooks (long polling, sockets), through `gateway`. */
  start?(gateway: InboundGateway): Promise<void>;

  /** Stops receiving and releases connections. */
  stop?(): Promise<void>;

  /**
   * How receiving by its own means (`start`) goes, for readiness: the relay shows it as the line
   * `channel <id>`. A long-polling loop stopped for good by a revoked token is not ok.
   */
  readiness?(): AdapterReadiness;

  /** Extra HTTP routes served beside the webhook, below the same mount point. */
  readonly routes?: readonly AdapterRoute[];
}
