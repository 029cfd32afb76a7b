import {
  createWhatsAppAdapter,
  type WhatsAppSettingsInput,
} from '@tvox-connector/adapter-whatsapp';
import { FakeWhatsAppApi } from '../../adapters/whatsapp/test/support/fake-whatsapp-api';
import {
  NUMBER_TOKENS,
  OTHER_PHONE_NUMBER_ID,
  whatsappSettings,
} from '../../adapters/whatsapp/test/support/whatsapp-fixtures';
import { MetaHarness } from './meta-harness';

export { AGENT } from './meta-harness';

/**
 * A whole connector for one WhatsApp channel of two phone numbers, the second routed to `SALES`
 * (see {@link MetaHarness}); `graph` is the fake Cloud API.
 */
export class WhatsAppHarness extends MetaHarness<FakeWhatsAppApi> {
  constructor(transport: 'rest' | 'soap', settings: Partial<WhatsAppSettingsInput> = {}) {
    super(transport, {
      network: 'whatsapp',
      salesAccount: OTHER_PHONE_NUMBER_ID,
      startGraph: () => FakeWhatsAppApi.start(NUMBER_TOKENS),
      createAdapter: (apiRoot, webhookUrl, entryPoints, ledger) =>
        createWhatsAppAdapter(
          {
            id: 'whatsapp',
            settings: whatsappSettings(apiRoot, webhookUrl, settings),
            serviceCode: 'SUPPORT',
            entryPoints,
          },
          { ledger },
        ),
    });
  }
}
