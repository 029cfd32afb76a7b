import { adapterConformance } from '@tvox-connector/testkit';
import { createWhatsAppAdapter } from '@tvox-connector/adapter-whatsapp';
import { FakeWhatsAppApi } from './support/fake-whatsapp-api';
import { NUMBER_TOKENS, WHATSAPP_FIXTURES, whatsappSettings } from './support/whatsapp-fixtures';

adapterConformance({
  name: 'WhatsApp',
  fakeNetwork: () => FakeWhatsAppApi.start(NUMBER_TOKENS),
  create: ({ network, channel, publicUrl, ledger }) =>
    createWhatsAppAdapter(
      { id: channel, settings: whatsappSettings(network.apiRoot, publicUrl) },
      { ledger },
    ),
  fixtures: WHATSAPP_FIXTURES,
});
