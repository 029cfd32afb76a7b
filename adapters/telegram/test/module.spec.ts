import {
  ChannelContribution,
  ConfigError,
  InboundGate,
  coreModule,
  noopMetrics,
  silentLogger,
  isAdapterPackage,
  type ChannelConfig,
} from '@tvox-connector/core';
import {
  TelegramAdapter,
  createTelegramAdapter,
  tvoxAdapter,
  type TelegramSettingsInput,
} from '@tvox-connector/adapter-telegram';
import { ManualClock, eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { Container } from 'inversify';
import { FakeBotApi } from './support/fake-bot-api';
import { BOT_TOKEN, SECRET_TOKEN, webhookSettings } from './support/telegram-fixtures';

/** The paths of the problems the factory's `ConfigError` lists for `settings`. */
function refusedPaths(settings: TelegramSettingsInput): string[] {
  try {
    createTelegramAdapter({ id: 'tg', settings });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('Telegram module, factory and settings', () => {
  const settings = webhookSettings(
    'http://127.0.0.1:9',
    'https://connector.example.com/webhooks/telegram/',
  );

  const urls = {
    publicUrl: 'https://connector.example.com',
    webhookUrl: 'https://connector.example.com/webhooks/telegram',
  };
  const config = (written: Record<string, unknown>): ChannelConfig => ({
    id: 'telegram',
    adapter: 'telegram',
    serviceCode: 'SUPPORT',
    entryPoints: {},
    settings: written,
  });

  it('contributes one TelegramAdapter per channel module to core’s ChannelContribution', () => {
    expect(isAdapterPackage(tvoxAdapter)).to.equal(true);
    const channel = config(settings);
    const container = new Container();
    container.load(
      coreModule,
      tvoxAdapter.module({
        config: channel,
        ...urls,
        settings: tvoxAdapter.parseSettings(channel, urls),
      }),
    );
    const contributions = container.getAll<ChannelContribution>(ChannelContribution);
    expect(contributions).to.have.length(1);
    const adapter = contributions[0]?.adapter;
    expect(adapter).to.be.instanceOf(TelegramAdapter);
    expect(adapter).to.include({ channel: 'telegram', network: 'telegram' });
    expect(adapter?.routes?.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /file']);
    const again = container.getAll<ChannelContribution>(ChannelContribution);
    expect(again[0], 'one adapter, however often asked').to.equal(contributions[0]);
  });

  it('refuses a publicUrl whose path the connector serves nothing at, in either receive mode', () => {
    const parse = (written: Record<string, unknown>) =>
      tvoxAdapter.parseSettings(config({ ...settings, ...written }), urls);
    for (const receive of [settings.receive, { mode: 'polling', timeoutSeconds: 1 }]) {
      const refused = (() => {
        try {
          parse({ publicUrl: 'https://connector.example.com/channels/telegram', receive });
        } catch (error) {
          if (error instanceof ConfigError) return error.issues;
          throw error;
        }
        return expect.fail('expected a ConfigError');
      })();
      expect(refused.map((issue) => issue.path)).to.deep.equal([
        'channels.telegram.settings.publicUrl',
      ]);
      expect(refused[0]?.message).to.include('at /webhooks/telegram').and.include(urls.webhookUrl);
    }
    // Another origin, and a base path a proxy forwards from, are the operator's to choose.
    const proxied = 'https://gateway.example.com/connector/webhooks/telegram';
    expect(parse({ publicUrl: proxied }).publicUrl).to.equal(proxied);
  });

  it('defaults publicUrl to the channel’s webhook on the connector', () => {
    const { publicUrl, ...rest } = settings;
    expect(tvoxAdapter.parseSettings(config(rest), urls).publicUrl).to.equal(urls.webhookUrl);
  });

  it('lists every invalid setting at once, with its path in the configuration', () => {
    expect(
      refusedPaths({
        botToken: 'not-a-token',
        publicUrl: 'ftp://x',
        receive: { mode: 'webhook', secretToken: 'short' },
        fileLinks: { secret: 'short' },
      }),
    ).to.deep.equal([
      'channels.tg.settings.botToken',
      'channels.tg.settings.publicUrl',
      'channels.tg.settings.receive.secretToken',
      'channels.tg.settings.fileLinks.secret',
    ]);
  });

  it('refuses a polling time-out that a request would not outlast', () => {
    expect(() =>
      createTelegramAdapter({
        id: 'tg',
        settings: {
          ...settings,
          receive: { mode: 'polling', timeoutSeconds: 30 },
          requestTimeoutSeconds: 30,
        },
      }),
    ).to.throw(ConfigError, /requestTimeoutSeconds/);
  });

  it('refuses a first polling back-off longer than the longest, with the polling time-out', () => {
    expect(
      refusedPaths({
        ...settings,
        receive: {
          mode: 'polling',
          timeoutSeconds: 30,
          retryDelayMs: 5_000,
          maxRetryDelayMs: 1_000,
        },
        requestTimeoutSeconds: 30,
      }),
    ).to.deep.equal([
      'channels.tg.settings.requestTimeoutSeconds',
      'channels.tg.settings.receive.retryDelayMs',
    ]);
  });

  describe('registering the webhook', () => {
    let api: FakeBotApi;
    let clock: ManualClock;
    let adapter: TelegramAdapter;

    beforeEach(async () => {
      api = await FakeBotApi.start(BOT_TOKEN);
      clock = new ManualClock();
      adapter = createTelegramAdapter(
        {
          id: 'tg',
          settings: {
            ...webhookSettings(api.apiRoot, 'https://connector.example.com/tg/'),
            receive: {
              mode: 'webhook',
              secretToken: SECRET_TOKEN,
              retryDelayMs: 1_000,
              maxRetryDelayMs: 4_000,
            },
          },
        },
        { clock },
      );
    });

    afterEach(async () => {
      await adapter.stop();
      await api.close();
    });

    const sink = () =>
      new InboundGate(
        adapter,
        { accept: async () => undefined },
        { logger: silentLogger, metrics: noopMetrics },
      );
    const setWebhookCalls = () => api.calls.filter((call) => call.path.endsWith('/setWebhook'));

    it('registers its webhook with the secret at start, in the background', async () => {
      await adapter.start(sink());
      await eventually(() => api.callsOf('setWebhook').length === 1);
      expect(api.callsOf('setWebhook')).to.deep.equal([
        {
          url: 'https://connector.example.com/tg',
          secret_token: SECRET_TOKEN,
          allowed_updates: ['message', 'edited_message'],
        },
      ]);
      await eventually(() => adapter.readiness().detail === undefined);
      expect(adapter.readiness()).to.deep.equal({ ok: true });
    });

    it('retries a failed registration with back-off until Telegram takes it, readiness telling', async () => {
      api.failNext(
        { kind: 'server-error', status: 502 },
        { kind: 'rate-limited', retryAfterSeconds: 3 },
      );
      await adapter.start(sink());
      await eventually(() => adapter.readiness().detail?.includes('failed 1 time(s)') === true);
      expect(adapter.readiness()).to.deep.include({ ok: true });
      expect(adapter.readiness().detail).to.include('registering the webhook').and.include('502');
      expect(setWebhookCalls()).to.have.length(1);

      clock.advance(2_000); // past the first back-off (1 s with jitter)
      await eventually(() => adapter.readiness().detail?.includes('failed 2 time(s)') === true);
      clock.advance(2_000);
      expect(setWebhookCalls(), 'not before Telegram’s retry_after').to.have.length(2);
      clock.advance(1_000);
      await eventually(() => api.callsOf('setWebhook').length === 1);
      expect(setWebhookCalls()).to.have.length(3);
      await eventually(() => adapter.readiness().detail === undefined);
      clock.advance(60_000);
      expect(setWebhookCalls(), 'nothing more once registered').to.have.length(3);
    });

    it('stops registering for good when Telegram refuses the bot token, failing readiness', async () => {
      api.revokeToken(401);
      await adapter.start(sink());
      await eventually(() => !adapter.readiness().ok);
      expect(adapter.readiness().detail)
        .to.include('registering the webhook stopped')
        .and.include('set a valid botToken');
      clock.advance(60_000);
      expect(setWebhookCalls()).to.have.length(1);
    });
  });
});
