import {
  UnavailableError,
  type Capabilities,
  type ChannelAdapter,
  type InboundActivity,
  type InboundGateway,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookRequest,
} from '@tvox-connector/core';
import type { Visitor, VisitorTokens } from './identity/visitor-token.js';
import type { FrameKind, VisitorLimits } from './limits/visitor-limits.js';
import { outboundFrame } from './socket/history.js';
import type { VisitorSockets } from './socket/visitor-sockets.js';
import { parseVisitorRequest, type ParseContext } from './webhook/parse.js';
import { verifyVisitorRequest } from './webhook/verify.js';
import type { WebchatSettings } from './webchat-settings.js';

/** Quick-reply buttons the widget shows at most, and their longest title. */
const QUICK_REPLIES = { max: 10, maxTitleLength: 60 } as const;

/** What the web chat renders, from its settings. */
export function webchatCapabilities(settings: WebchatSettings): Capabilities {
  return {
    maxTextLength: settings.maxTextLength,
    attachments: {
      maxBytes: settings.attachments.maxBytes,
      contentTypes: settings.attachments.contentTypes,
    },
    quickReplies: QUICK_REPLIES,
    typing: true,
    readReceipts: true,
  };
}

/** What the adapter works with. */
export interface WebchatAdapterDeps {
  readonly settings: WebchatSettings;
  readonly tokens: VisitorTokens;
  readonly sockets: VisitorSockets;
  readonly parse: ParseContext;
  readonly limits: VisitorLimits;
  /** Background work that runs while the channel is started (the upload sweep). */
  readonly background?: { start(): void; stop(): Promise<void> };
}

/** The limit a frame counts against, from its `type`; undefined when it has none (parse refuses it). */
function frameKind(rawBody: Buffer): FrameKind | undefined {
  let type: unknown;
  try {
    type = (JSON.parse(rawBody.toString('utf8')) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
  if (type === 'message') return 'message';
  return type === 'typing' || type === 'receipt' ? 'signal' : undefined;
}

/**
 * The web chat as a channel adapter. Visitors' frames (WebSocket or HTTP POST) are verified
 * (visitor token HMAC) and parsed like webhooks, then handed to core's sink. `send` pushes to the
 * visitor's open sockets; with none open it still succeeds: the message is in core's ledger, and
 * the widget is sent it from there when it reconnects. The adapter keeps nothing itself.
 */
export class WebchatAdapter implements ChannelAdapter {
  readonly network = 'webchat';
  readonly channel: string;
  readonly capabilities: Capabilities;
  /** The widget shows a message id once: a message sent again is not seen twice. */
  readonly idempotentSend = true;
  private gateway: InboundGateway | undefined;

  constructor(private readonly deps: WebchatAdapterDeps) {
    this.channel = deps.parse.channel;
    this.capabilities = webchatCapabilities(deps.settings);
  }

  /** Checks the visitor token (`Authorization: Bearer`); throws `SignatureError`. */
  verify(request: WebhookRequest): void {
    verifyVisitorRequest(request, this.deps.tokens);
  }

  /** The visitor a verified request comes from. */
  visitorOf(request: WebhookRequest): Visitor {
    return verifyVisitorRequest(request, this.deps.tokens);
  }

  /** The activity a visitor frame carries; throws `InvalidInputError`. */
  parse(request: WebhookRequest): ParseResult {
    return parseVisitorRequest(request, this.deps.parse);
  }

  /**
   * Takes what a visitor sent through core's inbound gate (verified, parsed, stored, counted, as
   * a webhook is); resolves with the activities once they are durably stored (only then may the
   * widget be told). Throws `SignatureError`, `InvalidInputError`, `RateLimitedError` when the
   * conversation sends faster than its limits (nothing is stored), or `UnavailableError` while
   * the channel is not started.
   */
  async receive(request: WebhookRequest): Promise<readonly InboundActivity[]> {
    if (!this.gateway) throw new UnavailableError(`the ${this.channel} channel is not started`);
    const kind = frameKind(request.rawBody);
    if (kind !== undefined) {
      let visitor: Visitor | undefined;
      try {
        visitor = this.visitorOf(request);
      } catch {
        // Refused by the gate below, which counts and logs it as every bad signature.
      }
      if (visitor !== undefined) this.deps.limits.admitFrame(visitor.id, kind);
    }
    const outcome = await this.gateway.admit(request);
    return outcome.kind === 'accepted' ? outcome.activities : [];
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    const visitorId = activity.conversation.id;
    if (activity.kind === 'typing') {
      this.deps.sockets.push(visitorId, {
        type: 'typing',
        ...(activity.agent?.name === undefined ? {} : { agentName: activity.agent.name }),
      });
      return { networkMessageIds: [] };
    }
    this.deps.sockets.push(visitorId, outboundFrame(activity, this.deps.parse.clock.now()));
    return { networkMessageIds: [activity.messageId] };
  }

  async start(gateway: InboundGateway): Promise<void> {
    this.gateway = gateway;
    this.deps.background?.start();
  }

  /** Stops accepting and closes the visitors' sockets (their widgets reconnect later). */
  async stop(): Promise<void> {
    this.gateway = undefined;
    this.deps.sockets.closeAll(1012, 'service restart');
    await this.deps.background?.stop();
  }
}
