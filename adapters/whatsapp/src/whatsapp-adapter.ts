import {
  Capabilities,
  IsoDateTime,
  NetworkApiError,
  SystemClock,
  silentLogger,
  type AdapterRoute,
  type ChannelAdapter,
  type Clock,
  type ConversationKey,
  type Logger,
  type MessageQuery,
  type MessageRecord,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookRequest,
} from '@tvox-connector/core';
import {
  graphClientFor,
  type GraphClient,
  MEDIA_ROUTE_PATH,
  MediaLinks,
  isSubscriptionHandshake,
  mediaRoute,
  subscriptionReply,
  verifyMetaWebhook,
  type MediaRef,
} from '@tvox-connector/meta-graph';
import { z } from 'zod';
import { WhatsAppClient } from './api/whatsapp-client.js';
import { numberConversation, sendPart } from './outbound/send-part.js';
import { readMediaPath } from './webhook/message-content.js';
import { parseWebhook, readWebhook } from './webhook/parse.js';
import { windowTemplate, type ChannelRouting } from './window-templates.js';
import type { WhatsAppSettings } from './whatsapp-settings.js';

/**
 * What one Cloud API call carries, for core to split agents' messages by: a text of up to 4,096
 * characters, or one file by link (5 MB, the smallest of WhatsApp's limits, that of images;
 * larger files go as links) without a caption, so the text goes in a call of its own before it;
 * up to 3 reply buttons of 20 characters. No typing; WhatsApp reports deliveries and reads.
 */
export const WHATSAPP_CAPABILITIES: Capabilities = Capabilities.parse({
  maxTextLength: 4096,
  attachments: {
    maxBytes: 5 * 1024 * 1024,
    contentTypes: [
      'image/jpeg',
      'image/png',
      'video/mp4',
      'video/3gpp',
      'audio/aac',
      'audio/amr',
      'audio/mpeg',
      'audio/mp4',
      'audio/ogg',
      'application/*',
      'text/*',
    ],
    maxPerCall: 1,
    maxCaptionLength: 0,
  },
  quickReplies: { max: 3, maxTitleLength: 20 },
  typing: false,
  readReceipts: true,
});

/** The part of core's ledger the adapter reads: the customer's last message, for the window. */
export interface WhatsAppLedger {
  messages(query: MessageQuery): Promise<MessageRecord[]>;
}

/** What the adapter works with besides its settings; all optional. */
export interface WhatsAppAdapterDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * Core's ledger (the connector's `Store`), to tell when the 24-hour window is closed and which
   * customer message an agent's reply answers (marked read). Without it, every reply is sent,
   * WhatsApp reports one outside the window as a `failed` status, and nothing is marked read.
   */
  readonly ledger?: WhatsAppLedger;
  /** The channel's service and entry points, to pick the window template by service. */
  readonly routing?: ChannelRouting;
}

/** The network's send time of an inbound message as the ledger keeps it. */
const SentAt = z.object({ sentAt: IsoDateTime });

/**
 * The WhatsApp Cloud API channel: receives the webhooks of the channel's business phone numbers
 * (signed, batched), sends agents' messages, files and reply buttons with the token of the
 * conversation's number, sends the configured template instead once the 24-hour window is
 * closed, marks the customer's message read when an agent answers it, and serves customers' files to TVox through the connector
 * (`GET {publicUrl}/media?token=...`, the media id resolved with the token at that moment). The
 * Cloud API has no idempotency key, so `idempotentSend` is false: a part whose send was
 * interrupted is set aside as uncertain, not sent twice.
 */
export class WhatsAppAdapter implements ChannelAdapter {
  readonly network = 'whatsapp';
  readonly capabilities = WHATSAPP_CAPABILITIES;
  readonly idempotentSend = false;
  readonly routes: readonly AdapterRoute[];
  private readonly graph: GraphClient;
  private readonly client: WhatsAppClient;
  private readonly links: MediaLinks;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** When a window template last went to each conversation: in memory, per instance. */
  private readonly templatesSent = new Map<string, number>();
  /** The customer's message last marked read in each conversation: in memory, per instance. */
  private readonly markedRead = new Map<string, string>();

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: WhatsAppSettings,
    private readonly deps: WhatsAppAdapterDeps = {},
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ channel });
    this.graph = graphClientFor(this.network, settings.graph);
    this.client = new WhatsAppClient(this.graph, (id) => settings.phoneNumbers[id]?.accessToken);
    this.links = new MediaLinks({ ...settings.mediaLinks, now: () => this.clock.now() });
    this.routes = [
      mediaRoute(this.links, this.graph, this.logger, (media) => this.download(media)),
    ];
  }

  verify(request: WebhookRequest): void {
    verifyMetaWebhook(request, this.settings);
  }

  parse(request: WebhookRequest): Promise<ParseResult> {
    if (isSubscriptionHandshake(request)) return Promise.resolve(subscriptionReply(request));
    return Promise.resolve(
      parseWebhook(readWebhook(request.rawBody), {
        channel: this.channel,
        isPhoneNumber: (id) => Object.hasOwn(this.settings.phoneNumbers, id),
        mediaLink: (media) =>
          `${this.settings.publicUrl}${MEDIA_ROUTE_PATH}?token=${this.links.issue(media)}`,
        failed: (status, phoneNumberId) => {
          this.logger.warn(
            { phoneNumberId, messageId: status.id, errors: status.errors ?? [] },
            'WhatsApp could not deliver a message',
          );
        },
        unreadable: (error) => {
          this.logger.warn(
            { err: error },
            'a WhatsApp event that does not read was left out of its batch',
          );
        },
      }),
    );
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    // Not declared (no typing capability), so core sends none; nothing to show if it did.
    if (activity.kind === 'typing') return { networkMessageIds: [] };
    const { ledger, routing = {} } = this.deps;
    const latest =
      ledger === undefined ? undefined : await latestInbound(ledger, activity.conversation);
    const id = await sendPart(
      {
        client: this.client,
        now: () => this.clock.now(),
        templatesSent: this.templatesSent,
        template: (phoneNumberId, locale) =>
          windowTemplate(this.settings.windowTemplates, routing, phoneNumberId, locale),
        ...(latest === undefined ? {} : { lastWrote: latest.sentAt }),
      },
      activity,
    );
    if (activity.origin === 'agent' && latest?.networkMessageId !== undefined) {
      await this.markRead(activity.conversation.id, latest.networkMessageId);
    }
    return { networkMessageIds: [id] };
  }

  /**
   * Marks the customer's latest message read once an agent answered it, once per message. Best
   * effort: the reply went out already, so a failure is logged, never thrown (core would send
   * the reply again).
   */
  private async markRead(conversationId: string, messageId: string): Promise<void> {
    if (this.markedRead.get(conversationId) === messageId) return;
    const { phoneNumberId } = numberConversation(conversationId);
    try {
      await this.client.markRead(phoneNumberId, messageId);
      this.markedRead.set(conversationId, messageId);
    } catch (error) {
      this.logger.warn({ err: error, messageId }, 'a WhatsApp message could not be marked as read');
    }
  }

  async stop(): Promise<void> {
    await this.graph.close();
  }

  /** A customer's file, its media id resolved with its number's token now. */
  private download(media: MediaRef) {
    const path = readMediaPath(media.url);
    if (path === undefined) {
      return Promise.reject(
        new NetworkApiError(this.network, 'media', 'not a WhatsApp media id', { retryable: false }),
      );
    }
    return this.client.downloadMedia(path.phoneNumberId, path.mediaId);
  }
}

/** The customer's latest message in `conversation`, by the ledger: WhatsApp's time, its id. */
async function latestInbound(
  ledger: WhatsAppLedger,
  conversation: ConversationKey,
): Promise<{ sentAt: number; networkMessageId: string | undefined } | undefined> {
  const [latest] = await ledger.messages({ conversation, direction: 'inbound', limit: 1 });
  if (latest === undefined) return undefined;
  const sent = SentAt.safeParse(latest.payload);
  return {
    sentAt: sent.success ? Date.parse(sent.data.sentAt) : latest.acceptedAt,
    networkMessageId: latest.networkMessageIds[0],
  };
}
