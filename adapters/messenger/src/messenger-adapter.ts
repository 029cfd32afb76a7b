import {
  Capabilities,
  SystemClock,
  silentLogger,
  type AdapterRoute,
  type ChannelAdapter,
  type Clock,
  type ConversationKey,
  type Logger,
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
  sentUpTo,
  subscriptionReply,
  type SentLedger,
} from '@tvox-connector/meta-graph';
import { MessengerClient } from './api/messenger-client.js';
import type { MessengerSettings } from './messenger-settings.js';
import { pageConversation, sendPart } from './outbound/send-part.js';
import { parseWebhook, readWebhook } from './webhook/parse.js';
import { verifyMessengerWebhook } from './webhook/verify.js';

/**
 * What one Send API call carries, for core to split agents' messages by: a text of up to 2,000
 * characters, or one file by URL (image, video, audio or any other file; 25 MB at most) without
 * a caption, so the text goes in a call of its own before it; up to 13 quick replies of 20
 * characters on either; typing. Messenger reports deliveries and reads.
 */
export const MESSENGER_CAPABILITIES: Capabilities = Capabilities.parse({
  maxTextLength: 2000,
  attachments: {
    maxBytes: 25 * 1024 * 1024,
    contentTypes: [
      'image/jpeg',
      'image/png',
      'image/gif',
      'video/*',
      'audio/*',
      'application/*',
      'text/*',
    ],
    maxPerCall: 1,
    maxCaptionLength: 0,
  },
  quickReplies: { max: 13, maxTitleLength: 20 },
  typing: true,
  readReceipts: true,
});

/** The part of core's ledger the adapter reads: what it sent, to match read watermarks with. */
export type MessengerLedger = SentLedger;

/** What the adapter works with besides its settings; all optional. */
export interface MessengerAdapterDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * Core's ledger (the connector's `Store`), to turn Messenger's read watermarks into receipts
   * for the messages they cover. Without it, reads (which name no message) are not relayed.
   */
  readonly ledger?: MessengerLedger;
}

/**
 * The Messenger channel: receives the webhooks of the channel's Pages (signed, batched), sends
 * agents' messages, files, quick replies and typing through the Send API with the token of the
 * conversation's Page, and serves customers' files to TVox through the connector
 * (`GET {publicUrl}/media?token=...`). Messenger has no idempotency key, so `idempotentSend` is
 * false: a part whose send was interrupted is set aside as uncertain, not sent twice.
 */
export class MessengerAdapter implements ChannelAdapter {
  readonly network = 'messenger';
  readonly capabilities = MESSENGER_CAPABILITIES;
  readonly idempotentSend = false;
  readonly routes: readonly AdapterRoute[];
  private readonly graph: GraphClient;
  private readonly client: MessengerClient;
  private readonly links: MediaLinks;
  private readonly logger: Logger;

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: MessengerSettings,
    private readonly deps: MessengerAdapterDeps = {},
  ) {
    const clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ channel });
    this.graph = graphClientFor(this.network, settings.graph);
    this.client = new MessengerClient(this.graph, (pageId) => settings.pages[pageId]?.accessToken);
    this.links = new MediaLinks({ ...settings.mediaLinks, now: () => clock.now() });
    this.routes = [mediaRoute(this.links, this.graph, this.logger)];
  }

  verify(request: WebhookRequest): void {
    verifyMessengerWebhook(request, this.settings);
  }

  async parse(request: WebhookRequest): Promise<ParseResult> {
    if (isSubscriptionHandshake(request)) return subscriptionReply(request);
    const { ledger } = this.deps;
    return parseWebhook(readWebhook(request.rawBody), {
      channel: this.channel,
      isPage: (pageId) => Object.hasOwn(this.settings.pages, pageId),
      mediaLink: (media) =>
        `${this.settings.publicUrl}${MEDIA_ROUTE_PATH}?token=${this.links.issue(media)}`,
      ...(ledger === undefined
        ? {}
        : {
            sentUpTo: (
              conversation: ConversationKey,
              watermark: number,
              status: 'delivered' | 'read',
            ) => sentUpTo(ledger, conversation, watermark, status),
          }),
      unreadable: (error) => {
        this.logger.warn(
          { err: error },
          'a Messenger event that does not read was left out of its batch',
        );
      },
    });
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    if (activity.kind === 'typing') {
      await this.client.sendTyping(pageConversation(activity.conversation.id));
      return { networkMessageIds: [] };
    }
    return {
      networkMessageIds: [await sendPart(this.client, activity, this.settings.humanAgentTag)],
    };
  }

  async stop(): Promise<void> {
    await this.graph.close();
  }
}
