import {
  InvalidInputError,
  type Capabilities,
  type ChannelAdapter,
  type OutboundActivity,
  type ParseResult,
  type SendReceipt,
  type WebhookRequest,
} from '@tvox-connector/core';
import { AcmeChatClient } from './api/acme-chat-client.js';
import type { AcmeChatSettings } from './acme-chat-settings.js';
import { parseWebhook } from './webhook/parse.js';
import { verifyWebhook } from './webhook/verify.js';

/**
 * Acme Chat, the company's own chat app: texts both ways. It has no files, buttons or typing, so
 * it declares none: core sends files as links and quick replies as numbered text.
 */
export class AcmeChatAdapter implements ChannelAdapter {
  readonly network = 'acme-chat';
  readonly capabilities: Capabilities = { maxTextLength: 2000, typing: false, readReceipts: false };
  private readonly client: AcmeChatClient;

  constructor(
    /** The channel id from config; TVox sees it as `contact.channel`. */
    readonly channel: string,
    private readonly settings: AcmeChatSettings,
  ) {
    this.client = new AcmeChatClient(settings);
  }

  verify(request: WebhookRequest): void {
    verifyWebhook(request, this.settings.webhookSecret);
  }

  parse(request: WebhookRequest): ParseResult {
    return parseWebhook(request.rawBody, this.channel);
  }

  /** One part of a message, as core split it by the capabilities: one API call. */
  async send(activity: OutboundActivity): Promise<SendReceipt> {
    // Core sends typing only to adapters that declare it.
    if (activity.kind === 'typing') return { networkMessageIds: [] };
    if (activity.text === undefined || activity.attachments.length > 0) {
      throw new InvalidInputError('Acme Chat message', [
        { path: 'attachments', message: 'Acme Chat carries texts only; core sends files as links' },
      ]);
    }
    const id = await this.client.sendText(activity.conversation.id, activity.text);
    return { networkMessageIds: [id] };
  }
}
