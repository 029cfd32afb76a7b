import {
  Capabilities,
  SystemClock,
  silentLogger,
  type AdapterRoute,
  type ChannelAdapter,
  type ConversationKey,
  type Clock,
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
  scopedConversation,
  sendPart,
  sentUpTo,
  subscriptionReply,
  verifyMetaWebhook,
  type SendApiNetwork,
  type SentLedger,
} from '@tvox-connector/meta-graph';
import { InstagramClient } from './api/instagram-client.js';
import type { InstagramSettings } from './instagram-settings.js';
import { parseWebhook, readWebhook } from './webhook/parse.js';

/**
 * What one Send API call carries on Instagram, for core to split agents' messages by: a text of
 * up to 1,000 characters, or one image, video or audio file by URL without a caption (so the
 * text goes in a call of its own before it). Files are capped at 8 MB, Instagram's limit for
 * images (video and audio may be 25 MB, but one limit must hold for all): a larger file goes as
 * a link. Up to 13 quick replies of 20 characters; typing. Instagram reports reads.
 */
export const INSTAGRAM_CAPABILITIES: Capabilities = Capabilities.parse({
  maxTextLength: 1000,
  attachments: {
    maxBytes: 8 * 1024 * 1024,
    contentTypes: [
      'image/jpeg',
      'image/png',
      'video/mp4',
      'video/quicktime',
      'video/webm',
      'video/ogg',
      'video/x-msvideo',
      'audio/aac',
      'audio/mp4',
      'audio/x-m4a',
      'audio/wav',
    ],
    maxPerCall: 1,
    maxCaptionLength: 0,
  },
  quickReplies: { max: 13, maxTitleLength: 20 },
  typing: true,
  readReceipts: true,
});

/** Instagram as the shared Send API code names it. */
const INSTAGRAM: SendApiNetwork = {
  network: 'instagram',
  label: 'Instagram',
  conversationIdShape: '<Instagram account id>-<IGSID>',
};

/** How many of a conversation's latest messages are searched for the one a reaction quotes. */
const QUOTE_LOOKBACK = 50;

/** The part of core's ledger the adapter reads: what was said, to match reads and quote. */
export type InstagramLedger = SentLedger;

/** What the adapter works with besides its settings; all optional. */
export interface InstagramAdapterDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * Core's ledger (the connector's `Store`): a read then covers every message sent before it,
   * and reactions quote the message they are about. Without it, a read is relayed for the one
   * message it names, and reactions quote nothing.
   */
  readonly ledger?: InstagramLedger;
}

/**
 * The Instagram Direct channel: receives the webhooks of the channel's Instagram professional
 * accounts (signed, batched), sends agents' messages, files, quick replies and typing through the
 * Send API with the token of the conversation's account, and serves customers' files to TVox
 * through the connector (`GET {publicUrl}/media?token=...`). The Send API has no idempotency key,
 * so `idempotentSend` is false: a part whose send was interrupted is set aside as uncertain, not
 * sent twice.
 */
export class InstagramAdapter implements ChannelAdapter {
  readonly network = 'instagram';
  readonly capabilities = INSTAGRAM_CAPABILITIES;
  readonly idempotentSend = false;
  readonly routes: readonly AdapterRoute[];
  private readonly graph: GraphClient;
  private readonly client: InstagramClient;
  private readonly links: MediaLinks;
  private readonly logger: Logger;

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: InstagramSettings,
    private readonly deps: InstagramAdapterDeps = {},
  ) {
    const clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ channel });
    this.graph = graphClientFor(this.network, settings.graph);
    this.client = new InstagramClient(this.graph, settings.accounts);
    this.links = new MediaLinks({ ...settings.mediaLinks, now: () => clock.now() });
    this.routes = [mediaRoute(this.links, this.graph, this.logger)];
  }

  /**
   * Checks that a request comes from Meta: the `GET` handshake by `verifyToken`, every
   * notification by its `X-Hub-Signature-256` over the raw body. Throws `SignatureError` (401).
   */
  verify(request: WebhookRequest): void {
    verifyMetaWebhook(request, this.settings);
  }

  async parse(request: WebhookRequest): Promise<ParseResult> {
    if (isSubscriptionHandshake(request)) return subscriptionReply(request);
    const { ledger } = this.deps;
    return parseWebhook(readWebhook(request.rawBody), {
      channel: this.channel,
      isAccount: (accountId) => Object.hasOwn(this.settings.accounts, accountId),
      mediaLink: (media) =>
        `${this.settings.publicUrl}${MEDIA_ROUTE_PATH}?token=${this.links.issue(media)}`,
      reactions: this.settings.reactions,
      ...(ledger === undefined
        ? {}
        : {
            sentUpTo: (conversation: ConversationKey, at: number) =>
              sentUpTo(ledger, conversation, at, 'read'),
            textOf: (conversation: ConversationKey, networkMessageId: string) =>
              textOf(ledger, conversation, networkMessageId),
          }),
      unreadable: (error) => {
        this.logger.warn(
          { err: error },
          'an Instagram event that does not read was left out of its batch',
        );
      },
    });
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    if (activity.kind === 'typing') {
      await this.client.sendTyping(scopedConversation(activity.conversation.id, INSTAGRAM));
      return { networkMessageIds: [] };
    }
    return {
      networkMessageIds: [
        await sendPart(this.client, activity, this.settings.humanAgentTag, INSTAGRAM),
      ],
    };
  }

  async stop(): Promise<void> {
    await this.graph.close();
  }
}

/** The text of a recent message of `conversation` (either way) by its network id, if kept. */
async function textOf(
  ledger: InstagramLedger,
  conversation: ConversationKey,
  networkMessageId: string,
): Promise<string | undefined> {
  const records = await ledger.messages({ conversation, limit: QUOTE_LOOKBACK });
  const record = records.find((r) => r.networkMessageIds.includes(networkMessageId));
  const payload = record?.payload as { text?: unknown } | undefined;
  return typeof payload?.text === 'string' && payload.text !== '' ? payload.text : undefined;
}
