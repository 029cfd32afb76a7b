import {
  Capabilities,
  SystemClock,
  silentLogger,
  type ChannelAdapter,
  type Clock,
  type Logger,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookRequest,
} from '@tvox-connector/core';
import { MessagesClient } from './api/messages-client.js';
import type { TwilioSettings } from './twilio-settings.js';
import { readForm } from './webhook/form.js';
import { parseWebhook } from './webhook/parse.js';
import { SIGNATURE_HEADER, signedFields, verifyTwilioSignature } from './webhook/signature.js';

/**
 * What one Messages API call carries: a text of up to 1,600 characters (Twilio splits it into
 * SMS segments and joins them on the handset), and up to 10 images by URL with the text as their
 * caption (MMS, 5 MB in all, on numbers that send MMS), with no buttons and no typing. Twilio's
 * status callbacks report deliveries (and reads, on channels that have them).
 */
export const TWILIO_CAPABILITIES: Capabilities = Capabilities.parse({
  maxTextLength: 1600,
  attachments: {
    maxBytes: 5 * 1024 * 1024,
    contentTypes: ['image/jpeg', 'image/png', 'image/gif'],
    maxPerCall: 10,
    maxCaptionLength: 1600,
  },
  typing: false,
  readReceipts: true,
});

/** The empty TwiML answer: the webhook is taken, and Twilio is to send nothing back itself. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** What the adapter works with besides its settings; all optional. */
export interface TwilioAdapterDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The Twilio Programmable Messaging channel (SMS): receives the signed, form-encoded webhooks of
 * the channel's number or Messaging Service (incoming messages and status callbacks), answers
 * them with an empty TwiML `<Response/>` once stored, and sends agents' texts through the
 * Messages API. Twilio has no idempotency key, so `idempotentSend` is false: a message whose send
 * was interrupted is set aside as uncertain, not sent twice.
 */
export class TwilioAdapter implements ChannelAdapter {
  readonly network = 'twilio';
  readonly capabilities = TWILIO_CAPABILITIES;
  readonly idempotentSend = false;
  readonly webhookContentTypes = ['application/x-www-form-urlencoded'];
  /** Twilio reads the answer as TwiML: an empty `<Response/>` makes it send nothing itself. */
  readonly webhookAnswer = { contentType: 'text/xml', body: EMPTY_TWIML };
  private readonly client: MessagesClient;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: TwilioSettings,
    deps: TwilioAdapterDeps = {},
  ) {
    this.clock = deps.clock ?? new SystemClock();
    this.logger = (deps.logger ?? silentLogger).child({ channel });
    this.client = new MessagesClient({
      accountSid: settings.accountSid,
      authToken: settings.authToken,
      apiRoot: settings.apiRoot,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
    });
  }

  /** Checks `X-Twilio-Signature` over `settings.publicUrl` and the POST parameters. */
  verify(request: WebhookRequest): void {
    verifyTwilioSignature(
      request.headers[SIGNATURE_HEADER],
      this.settings.authToken,
      this.settings.publicUrl,
      signedFields(request.rawBody),
    );
  }

  parse(request: WebhookRequest): ParseResult {
    return parseWebhook(readForm(request.rawBody), {
      channel: this.channel,
      accountSid: this.settings.accountSid,
      receivedAt: new Date(this.clock.now()),
      failed: (failure) => {
        this.logger.warn(
          { messageSid: failure.messageSid, status: failure.status, errorCode: failure.errorCode },
          'Twilio could not deliver a message to the customer',
        );
      },
    });
  }

  async send(activity: OutboundActivity): Promise<SendReceipt> {
    if (activity.kind === 'typing') return { networkMessageIds: [] };
    const sid = await this.client.create({
      to: activity.conversation.id,
      sender: this.settings.sender,
      ...(activity.text === undefined ? {} : { body: activity.text }),
      mediaUrls: activity.attachments.map((attachment) => attachment.url),
    });
    return { networkMessageIds: [sid] };
  }
}
