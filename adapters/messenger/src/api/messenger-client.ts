import {
  SendApiClient,
  type GraphClient,
  type SendAttachmentType,
  type SendMessage,
  type SendQuickReply,
  type SendWindow,
} from '@tvox-connector/meta-graph';

/** The Send API's message shapes and windows, as meta-graph defines them for Meta's networks. */
export type { SendAttachmentType, SendMessage, SendQuickReply, SendWindow };

/**
 * The Send API calls of the adapter (`POST /{version}/{Page id}/messages`), each with the access
 * token of the Page the conversation is with; a conversation of a Page not in `settings.pages`
 * fails for good.
 */
export class MessengerClient extends SendApiClient {
  constructor(graph: GraphClient, tokenOf: (pageId: string) => string | undefined) {
    super(
      graph,
      'messenger',
      (pageId) => {
        const accessToken = tokenOf(pageId);
        return accessToken === undefined ? undefined : { node: pageId, accessToken };
      },
      'settings.pages',
    );
  }
}
