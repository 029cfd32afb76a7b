import { NetworkApiError } from '@tvox-connector/core';
import type { GraphClient, MediaDownload } from '@tvox-connector/meta-graph';
import { z } from 'zod';
import type { NumberConversation } from '../conversation-id.js';

/** What `POST /{phone-number-id}/messages` answers a message with. */
const MessageSent = z.object({
  messaging_product: z.literal('whatsapp').optional(),
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

/** What marking a message as read answers. */
const Marked = z.object({ success: z.boolean() });

/** What `GET /{media-id}` answers: a URL that works for 5 minutes, with the token. */
const MediaUrl = z.object({ url: z.string().min(1), mime_type: z.string().optional() });

/** The kinds of media the Cloud API takes by link. */
export type SendMediaType = 'image' | 'video' | 'audio' | 'document';

/** A reply button of an interactive message. */
export interface SendButton {
  readonly type: 'reply';
  /** 20 characters at most. */
  readonly reply: { readonly id: string; readonly title: string };
}

/** The type-specific part of a Cloud API message, without `messaging_product` and `to`. */
export type SendMessage =
  | {
      readonly type: 'text';
      readonly text: { readonly body: string; readonly preview_url: boolean };
    }
  | {
      readonly type: SendMediaType;
      readonly image?: MediaLink;
      readonly video?: MediaLink;
      readonly audio?: MediaLink;
      readonly document?: MediaLink;
    }
  | {
      readonly type: 'interactive';
      readonly interactive: {
        readonly type: 'button';
        /** A file shown above the body: an image, a video or a document. */
        readonly header?: InteractiveHeader;
        readonly body: { readonly text: string };
        readonly action: { readonly buttons: readonly SendButton[] };
      };
    }
  | {
      readonly type: 'template';
      readonly template: { readonly name: string; readonly language: { readonly code: string } };
    };

/** The media header of an interactive message. */
export type InteractiveHeader =
  | { readonly type: 'image'; readonly image: MediaLink }
  | { readonly type: 'video'; readonly video: MediaLink }
  | { readonly type: 'document'; readonly document: MediaLink };

/** A file by link, with its caption and (documents) its name. */
export interface MediaLink {
  readonly link: string;
  readonly caption?: string;
  readonly filename?: string;
}

const NETWORK = 'whatsapp';

/**
 * The Cloud API calls of the adapter, each with the access token of the business phone number
 * the conversation is with: `POST /{phone-number-id}/messages` and `GET /{media-id}`. Failures
 * are `NetworkApiError`s (`GraphApiError`s for Graph's refusals), never retried here.
 */
export class WhatsAppClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly tokenOf: (phoneNumberId: string) => string | undefined,
  ) {}

  /** Sends `message` to the customer; resolves with its message id (`wamid.…`). */
  async sendMessage(to: NumberConversation, message: SendMessage): Promise<string> {
    const sent = await this.graph.post(
      'send',
      `${to.phoneNumberId}/messages`,
      this.token(to.phoneNumberId, 'send'),
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: to.waId, ...message },
      MessageSent,
    );
    // The answer names one message for one recipient.
    return sent.messages[0]?.id ?? '';
  }

  /** Marks a customer's message as read (two blue ticks), and so every earlier one. */
  async markRead(phoneNumberId: string, messageId: string): Promise<void> {
    await this.graph.post(
      'markRead',
      `${phoneNumberId}/messages`,
      this.token(phoneNumberId, 'markRead'),
      { messaging_product: 'whatsapp', status: 'read', message_id: messageId },
      Marked,
    );
  }

  /**
   * Downloads a customer's file by its media id: resolves the id to its short-lived URL
   * (`GET /{media-id}?phone_number_id=...`) and fetches that URL, both with the number's token,
   * at the moment it is called.
   */
  async downloadMedia(phoneNumberId: string, mediaId: string): Promise<MediaDownload> {
    const token = this.token(phoneNumberId, 'media');
    const media = await this.graph.get(
      'media',
      `${encodeURIComponent(mediaId)}?phone_number_id=${phoneNumberId}`,
      token,
      MediaUrl,
    );
    return this.graph.download(media.url, token);
  }

  private token(phoneNumberId: string, operation: string): string {
    const token = this.tokenOf(phoneNumberId);
    if (token === undefined) {
      throw new NetworkApiError(
        NETWORK,
        operation,
        `phone number ${phoneNumberId} is not in the channel's settings.phoneNumbers`,
        { retryable: false },
      );
    }
    return token;
  }
}
