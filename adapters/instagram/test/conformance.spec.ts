import { adapterConformance } from '@tvox-connector/testkit';
import { createInstagramAdapter } from '@tvox-connector/adapter-instagram';
import {
  INSTAGRAM_FIXTURES,
  instagramSettings,
  startFakeInstagram,
} from './support/instagram-fixtures';

adapterConformance({
  name: 'Instagram',
  fakeNetwork: () => startFakeInstagram(),
  create: ({ network, channel, publicUrl, ledger }) =>
    createInstagramAdapter(
      { id: channel, settings: instagramSettings(network.apiRoot, publicUrl) },
      { ledger },
    ),
  fixtures: INSTAGRAM_FIXTURES,
});
