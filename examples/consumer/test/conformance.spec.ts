import { adapterConformance } from '@tvox-connector/testkit';
import { createAcmeChatAdapter } from '../src/index.js';
import { ACME_CHAT_FIXTURES } from './support/acme-chat-fixtures.js';
import { FakeAcmeChat } from './support/fake-acme-chat.js';

adapterConformance({
  name: 'Acme Chat',
  fakeNetwork: () => FakeAcmeChat.start(),
  create: ({ network, channel }) =>
    createAcmeChatAdapter({
      id: channel,
      settings: {
        apiUrl: network.url,
        accessToken: 'conformance-access-token',
        webhookSecret: ACME_CHAT_FIXTURES.webhookSecret,
        timeoutMs: 2_000,
      },
    }),
  fixtures: ACME_CHAT_FIXTURES,
});
