import { SendApiClient, type GraphClient } from '@tvox-connector/meta-graph';
import type { InstagramSettings } from '../instagram-settings.js';

/**
 * The Send API calls of the adapter, each with the token of the Instagram account the
 * conversation is with: `POST /{version}/{Page id}/messages` for an account linked to a Page
 * (Facebook Login), `POST /{version}/{account id}/messages` otherwise (Instagram Login). A
 * conversation of an account not in `settings.accounts` fails for good.
 */
export class InstagramClient extends SendApiClient {
  constructor(graph: GraphClient, accounts: InstagramSettings['accounts']) {
    super(
      graph,
      'instagram',
      (accountId) => {
        const account = accounts[accountId];
        return account === undefined
          ? undefined
          : { node: account.pageId ?? accountId, accessToken: account.accessToken };
      },
      'settings.accounts',
    );
  }
}
