import { adapterConformance } from '@tvox-connector/testkit';
import { createWebchatChannel } from '@tvox-connector/adapter-webchat';
import { FakeVisitor } from './support/fake-visitor.js';
import { VISITOR_TOKEN, WEBCHAT_FIXTURES } from './support/webchat-fixtures.js';
import { SECRET } from './support/webchat-harness.js';

adapterConformance({
  name: 'Web chat',
  fakeNetwork: () => FakeVisitor.start(VISITOR_TOKEN),
  create: ({ network, channel, ledger }) =>
    network.connect(
      createWebchatChannel({
        channel: {
          id: channel,
          adapter: 'webchat',
          serviceCode: 'SUPPORT',
          entryPoints: {},
          settings: { secret: SECRET, attachments: { directory: network.directory } },
        },
        publicUrl: network.url,
        ledger,
      }),
    ),
  fixtures: WEBCHAT_FIXTURES,
  // A send pushes to the visitor's sockets and has no network API to fail: with none open it
  // succeeds, and the visitor is sent the message from the ledger on reconnecting.
  faults: [],
});
