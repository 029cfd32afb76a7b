import { adapterConformance } from '@tvox-connector/testkit';
import { createTwilioAdapter } from '@tvox-connector/adapter-twilio';
import { FakeMessagesApi } from './support/fake-messages-api';
import { ACCOUNT_SID, AUTH_TOKEN, TWILIO_FIXTURES, settings } from './support/twilio-fixtures';

// The adapter's publicUrl is the fixtures' (the URL entered in the Twilio console), not the
// suite's loopback server: the signature is checked against it, as behind a proxy.
adapterConformance({
  name: 'Twilio',
  fakeNetwork: () => FakeMessagesApi.start(ACCOUNT_SID, AUTH_TOKEN),
  create: ({ network, channel }) =>
    createTwilioAdapter({ id: channel, settings: settings(network.apiRoot) }),
  fixtures: TWILIO_FIXTURES,
});
