import { adapterConformance } from '@tvox-connector/testkit';
import { createTelegramAdapter } from '@tvox-connector/adapter-telegram';
import { FakeBotApi } from './support/fake-bot-api';
import { BOT_TOKEN, TELEGRAM_FIXTURES, webhookSettings } from './support/telegram-fixtures';

adapterConformance({
  name: 'Telegram',
  fakeNetwork: () => FakeBotApi.start(BOT_TOKEN),
  create: ({ network, channel, publicUrl }) =>
    createTelegramAdapter({ id: channel, settings: webhookSettings(network.apiRoot, publicUrl) }),
  fixtures: TELEGRAM_FIXTURES,
});
