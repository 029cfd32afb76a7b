import {
  createMessengerAdapter,
  type MessengerSettingsInput,
} from '@tvox-connector/adapter-messenger';
import { FakeGraphApi } from '../../adapters/messenger/test/support/fake-graph-api';
import {
  OTHER_PAGE_ID,
  PAGE_TOKENS,
  messengerSettings,
} from '../../adapters/messenger/test/support/messenger-fixtures';
import { MetaHarness } from './meta-harness';

export { AGENT } from './meta-harness';

/** A whole connector for one Messenger channel of two Pages (see {@link MetaHarness}). */
export class MessengerHarness extends MetaHarness {
  constructor(transport: 'rest' | 'soap', settings: Partial<MessengerSettingsInput> = {}) {
    super(transport, {
      network: 'messenger',
      salesAccount: OTHER_PAGE_ID,
      startGraph: () => FakeGraphApi.start(PAGE_TOKENS),
      createAdapter: (apiRoot, webhookUrl, entryPoints, ledger) =>
        createMessengerAdapter(
          {
            id: 'messenger',
            settings: messengerSettings(apiRoot, webhookUrl, settings),
            entryPoints,
          },
          { ledger },
        ),
    });
  }
}
