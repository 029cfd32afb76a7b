import {
  createInstagramAdapter,
  type InstagramSettingsInput,
} from '@tvox-connector/adapter-instagram';
import {
  OTHER_ACCOUNT_ID,
  instagramSettings,
  startFakeInstagram,
} from '../../adapters/instagram/test/support/instagram-fixtures';
import { MetaHarness } from './meta-harness';

export { AGENT } from './meta-harness';

/** A whole connector for one Instagram channel of two accounts (see {@link MetaHarness}). */
export class InstagramHarness extends MetaHarness {
  constructor(transport: 'rest' | 'soap', settings: Partial<InstagramSettingsInput> = {}) {
    super(transport, {
      network: 'instagram',
      salesAccount: OTHER_ACCOUNT_ID,
      startGraph: () => startFakeInstagram(),
      createAdapter: (apiRoot, webhookUrl, entryPoints, ledger) =>
        createInstagramAdapter(
          {
            id: 'instagram',
            settings: instagramSettings(apiRoot, webhookUrl, settings),
            entryPoints,
          },
          { ledger },
        ),
    });
  }
}
