import {
  Capabilities,
  SystemClock,
  silentLogger,
  type AdapterReadiness,
  type AdapterRoute,
  type ChannelAdapter,
  type Clock,
  type InboundGateway,
  type Logger,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookHeaders,
  type WebhookRequest,
} from '@tvox-connector/core';
import { TelegramClient } from './api/telegram-client.js';
import { FILE_ROUTE_PATH, fileRoute } from './files/file-route.js';
import { FileTokens } from './files/file-token.js';
import { sendPart } from './outbound/send-part.js';
import { LongPoller } from './polling/long-poller.js';
import type { TelegramSettings } from './telegram-settings.js';
import { parseUpdate, readUpdate, type FileRef } from './webhook/parse.js';
import type { TelegramUpdate } from './webhook/update-schema.js';
import { verifySecretToken } from './webhook/verify.js';

/**
 * What one Bot API call carries, for core to split agents' messages by: a text of up to 4096
 * characters (`sendMessage`), or one file by URL with a caption of up to 1024 characters
 * (`sendPhoto` for JPEG and PNG, `sendDocument` for PDF, ZIP and GIF; 5 MB at most, the Bot API's
 * limit for photos by URL, so core sends a link for anything else); up to 12 quick replies of 64
 * characters as a reply keyboard on either; typing. The Bot API reports no delivery or read
 * receipts.
 */
export const TELEGRAM_CAPABILITIES: Capabilities = Capabilities.parse({
  maxTextLength: 4096,
  attachments: {
    maxBytes: 5 * 1024 * 1024,
    contentTypes: ['image/jpeg', 'image/png', 'image/gif', 'application/pdf', 'application/zip'],
    maxPerCall: 1,
    maxCaptionLength: 1024,
  },
  quickReplies: { max: 12, maxTitleLength: 64 },
  typing: true,
  readReceipts: false,
});

/** An error's message, for a readiness line. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the adapter works with besides its settings; all optional. */
export interface TelegramAdapterDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The Telegram channel: receives private-chat messages from the Bot API (webhook or long polling),
 * sends agents' messages, files, quick replies and typing back, and serves the customer's files to
 * TVox through the connector (`GET {publicUrl}/file?token=...`) so the bot token stays here.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly network = 'telegram';
  readonly capabilities = TELEGRAM_CAPABILITIES;
  readonly routes: readonly AdapterRoute[];
  private readonly client: TelegramClient;
  private readonly tokens: FileTokens;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private poller: LongPoller | undefined;

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: TelegramSettings,
    deps: TelegramAdapterDeps = {},
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ channel });
    this.client = new TelegramClient({
      botToken: settings.botToken,
      apiRoot: settings.apiRoot,
      timeoutSeconds: settings.requestTimeoutSeconds,
    });
    this.tokens = new FileTokens(settings.fileLinks.secret, settings.fileLinks.ttlSeconds, () =>
      this.clock.now(),
    );
    this.routes = [fileRoute(this.tokens, this.client, this.logger)];
  }

  verify(request: WebhookRequest): void {
    this.verifyHeaders(request);
  }

  /** The secret token is a header: checked before Telegram's body is read. */
  verifyHeaders(request: WebhookHeaders): void {
    const { receive } = this.settings;
    verifySecretToken(request, receive.mode === 'webhook' ? receive.secretToken : undefined);
  }

  parse(request: WebhookRequest): ParseResult {
    return this.parseUpdate(readUpdate(request.rawBody));
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    if (activity.kind === 'typing') {
      await this.client.sendTyping(activity.conversation.id);
      return { networkMessageIds: [] };
    }
    return { networkMessageIds: [String(await sendPart(this.client, activity))] };
  }

  /**
   * Webhook mode: registers the webhook (unless `register` is off); a failure is logged, not
   * thrown, so that the connector starts while Telegram is unreachable (a webhook registered
   * earlier keeps working). Polling mode: starts polling into `sink` in the background.
   */
  async start(sink: InboundGateway): Promise<void> {
    const { receive } = this.settings;
    if (receive.mode === 'polling') {
      this.poller = new LongPoller(this.client, {
        channel: this.channel,
        timeoutSeconds: receive.timeoutSeconds,
        retry: { initialDelayMs: receive.retryDelayMs, maxDelayMs: receive.maxRetryDelayMs },
        parse: (update) => this.parseUpdate(update),
        clock: this.clock,
        logger: this.logger,
      });
      this.poller.start(sink);
      return;
    }
    if (!receive.register) return;
    try {
      await this.client.setWebhook(this.settings.publicUrl, receive.secretToken);
      this.logger.info({ url: this.settings.publicUrl }, 'Telegram webhook registered');
    } catch (error) {
      this.logger.error({ err: error }, 'registering the Telegram webhook failed');
    }
  }

  async stop(): Promise<void> {
    await this.poller?.stop();
    this.poller = undefined;
  }

  /**
   * Not ok once long polling stopped for good: Telegram no longer takes the bot token, and
   * nothing is received until it is replaced. Failures being retried are told, still ok.
   */
  readiness(): AdapterReadiness {
    const state = this.poller?.state;
    if (state?.status === 'stopped' && state.error !== undefined) {
      return {
        ok: false,
        detail: `long polling stopped: Telegram refused the bot token (${messageOf(state.error)}); set a valid botToken and restart`,
      };
    }
    if (state?.status === 'backing-off') {
      return {
        ok: true,
        detail: `long polling failed ${state.failures} time(s) in a row; retrying: ${messageOf(state.error)}`,
      };
    }
    return { ok: true };
  }

  private parseUpdate(update: TelegramUpdate): ParseResult {
    return parseUpdate(update, {
      channel: this.channel,
      fileLink: (file: FileRef) =>
        `${this.settings.publicUrl}${FILE_ROUTE_PATH}?token=${this.tokens.issue(file)}`,
    });
  }
}
