import { NetworkApiError } from '@tvox-connector/core';
import { windowFields, type GraphClient, type SendWindow } from '@tvox-connector/meta-graph';

/** How a message is sent: within 24 hours, or with the `HUMAN_AGENT` tag (see meta-graph). */
export type { SendWindow };
import { z } from 'zod';
import type { PageConversation } from '../conversation-id.js';

/** What the Send API answers a message with. */
const MessageSent = z.object({ recipient_id: z.string(), message_id: z.string().min(1) });
/** What the Send API answers a sender action with. */
const ActionSent = z.object({ recipient_id: z.string() });

/** A quick-reply button of the Send API. */
export interface SendQuickReply {
  readonly content_type: 'text';
  /** 20 characters at most. */
  readonly title: string;
  /** 1000 characters at most; comes back in the webhook when tapped. */
  readonly payload: string;
}

/** The kinds of attachment the Send API takes by URL. */
export type SendAttachmentType = 'image' | 'video' | 'audio' | 'file';

/** The `message` of a Send API call: a text or one attachment by URL, and quick replies. */
export type SendMessage = (
  | { readonly text: string }
  | {
      readonly attachment: {
        readonly type: SendAttachmentType;
        readonly payload: { readonly url: string; readonly is_reusable: boolean };
      };
    }
) & { readonly quick_replies?: readonly SendQuickReply[] };

const NETWORK = 'messenger';

/**
 * The Send API calls of the adapter (`POST /{version}/{Page id}/messages`), each with the access
 * token of the Page the conversation is with. Failures are `NetworkApiError`s (`GraphApiError`s
 * for Graph's refusals), never retried here.
 */
export class MessengerClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly tokenOf: (pageId: string) => string | undefined,
  ) {}

  /** Sends `message` to the customer; resolves with its message id. */
  async sendMessage(
    to: PageConversation,
    message: SendMessage,
    window: SendWindow,
  ): Promise<string> {
    const sent = await this.graph.post(
      'send',
      `${to.pageId}/messages`,
      this.token(to.pageId),
      {
        recipient: { id: to.psid },
        ...windowFields(window),
        message,
      },
      MessageSent,
    );
    return sent.message_id;
  }

  /** Shows the customer the typing bubble (`sender_action: typing_on`). */
  async sendTyping(to: PageConversation): Promise<void> {
    await this.graph.post(
      'typing',
      `${to.pageId}/messages`,
      this.token(to.pageId),
      { recipient: { id: to.psid }, sender_action: 'typing_on' },
      ActionSent,
    );
  }

  private token(pageId: string): string {
    const token = this.tokenOf(pageId);
    if (token === undefined) {
      throw new NetworkApiError(
        NETWORK,
        'send',
        `Page ${pageId} is not in the channel's settings.pages`,
        {
          retryable: false,
        },
      );
    }
    return token;
  }
}
