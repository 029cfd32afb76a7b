import { NetworkApiError } from '@tvox-connector/core';
import { z } from 'zod';
import type { GraphClient } from '../api/graph-client.js';
import type { ScopedConversation } from './scoped-conversation.js';
import { windowFields, type SendWindow } from './send-window.js';

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

/** Where an account's messages are posted (`POST /{node}/messages`), and with which token. */
export interface SendRoute {
  readonly node: string;
  readonly accessToken: string;
}

/**
 * The Send API calls Messenger and Instagram Direct share (`POST /{version}/{node}/messages`),
 * each with the token of the account the conversation is with. Failures are `NetworkApiError`s
 * (`GraphApiError`s for Graph's refusals), never retried here.
 */
export class SendApiClient {
  constructor(
    private readonly graph: GraphClient,
    /** The adapter's network id, for errors. */
    private readonly network: string,
    /** The route of an account of the channel; undefined for an account it does not have. */
    private readonly routeOf: (accountId: string) => SendRoute | undefined,
    /** Where the channel's accounts are configured, e.g. `settings.pages`, for errors. */
    private readonly accountsSetting: string,
  ) {}

  /** Sends `message` to the customer in `window`; resolves with its message id. */
  async sendMessage(
    to: ScopedConversation,
    message: SendMessage,
    window: SendWindow,
  ): Promise<string> {
    const route = this.route(to.accountId);
    const sent = await this.graph.post(
      'send',
      `${route.node}/messages`,
      route.accessToken,
      { recipient: { id: to.userId }, ...windowFields(window), message },
      MessageSent,
    );
    return sent.message_id;
  }

  /** Shows the customer the typing bubble (`sender_action: typing_on`). */
  async sendTyping(to: ScopedConversation): Promise<void> {
    const route = this.route(to.accountId);
    await this.graph.post(
      'typing',
      `${route.node}/messages`,
      route.accessToken,
      { recipient: { id: to.userId }, sender_action: 'typing_on' },
      ActionSent,
    );
  }

  private route(accountId: string): SendRoute {
    const route = this.routeOf(accountId);
    if (route === undefined) {
      throw new NetworkApiError(
        this.network,
        'send',
        `account ${accountId} is not in the channel's ${this.accountsSetting}`,
        { retryable: false },
      );
    }
    return route;
  }
}
