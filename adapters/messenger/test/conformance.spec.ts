import { adapterConformance } from '@tvox-connector/testkit';
import { createMessengerAdapter } from '@tvox-connector/adapter-messenger';
import { FakeGraphApi } from './support/fake-graph-api';
import { MESSENGER_FIXTURES, PAGE_TOKENS, messengerSettings } from './support/messenger-fixtures';

adapterConformance({
  name: 'Messenger',
  fakeNetwork: () => FakeGraphApi.start(PAGE_TOKENS),
  create: ({ network, channel, publicUrl, ledger }) =>
    createMessengerAdapter(
      { id: channel, settings: messengerSettings(network.apiRoot, publicUrl) },
      { ledger },
    ),
  fixtures: MESSENGER_FIXTURES,
});
