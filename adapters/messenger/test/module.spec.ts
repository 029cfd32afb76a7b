import {
  ChannelContribution,
  ConfigError,
  Store,
  coreModule,
  isAdapterPackage,
  type ChannelConfig,
} from '@tvox-connector/core';
import {
  MessengerAdapter,
  createMessengerAdapter,
  tvoxAdapter,
} from '@tvox-connector/adapter-messenger';
import { expect } from 'chai';
import { Container, ContainerModule } from 'inversify';
import { OTHER_PAGE_ID, PAGE_ID, messengerSettings } from './support/messenger-fixtures';

const urls = {
  publicUrl: 'https://connector.example.com',
  webhookUrl: 'https://connector.example.com/webhooks/fb',
};
const config = (
  written: Record<string, unknown>,
  entryPoints: Record<string, string> = {},
): ChannelConfig => ({
  id: 'fb',
  adapter: 'messenger',
  serviceCode: 'SUPPORT',
  entryPoints,
  settings: written,
});

/** The paths a `ConfigError` thrown by `act` lists. */
function refusedPaths(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('Messenger module, factory and settings', () => {
  const settings = { ...messengerSettings('http://127.0.0.1:9', urls.webhookUrl) };

  it('contributes one MessengerAdapter per channel module, reading core’s ledger', () => {
    expect(isAdapterPackage(tvoxAdapter)).to.equal(true);
    const channel = config(settings);
    const container = new Container();
    const store = new ContainerModule(({ bind }) => {
      bind(Store).toConstantValue({ listMessages: () => Promise.resolve([]) });
    });
    container.load(
      coreModule,
      store,
      tvoxAdapter.module({
        config: channel,
        ...urls,
        settings: tvoxAdapter.parseSettings(channel, urls),
      }),
    );
    const contributions = container.getAll<ChannelContribution>(ChannelContribution);
    expect(contributions).to.have.length(1);
    const adapter = contributions[0]?.adapter;
    expect(adapter).to.be.instanceOf(MessengerAdapter);
    expect(adapter).to.include({ channel: 'fb', network: 'messenger', idempotentSend: false });
    expect(adapter?.routes?.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /media']);
    expect(container.getAll<ChannelContribution>(ChannelContribution)[0]).to.equal(
      contributions[0],
    );
  });

  it('defaults publicUrl to the channel’s webhook, and the Graph API to graph.facebook.com v21.0', () => {
    const { publicUrl, graph, ...rest } = settings;
    const parsed = tvoxAdapter.parseSettings(config(rest), urls);
    expect(parsed.publicUrl).to.equal(urls.webhookUrl);
    expect(parsed.graph).to.deep.equal({
      apiRoot: 'https://graph.facebook.com',
      version: 'v21.0',
      requestTimeoutSeconds: 30,
    });
    expect(parsed.humanAgentTag).to.equal(false);
    expect(parsed.mediaLinks.ttlSeconds).to.equal(7 * 24 * 3600);
  });

  it('takes entry points that are Pages of the channel, and names those that are not', () => {
    const routed = { [PAGE_ID]: 'SALES', [OTHER_PAGE_ID]: 'SUPPORT' };
    expect(() => tvoxAdapter.parseSettings(config(settings, routed), urls)).to.not.throw();
    expect(
      refusedPaths(() => tvoxAdapter.parseSettings(config(settings, { '123': 'SALES' }), urls)),
    ).to.deep.equal(['channels.fb.entryPoints.123']);
  });

  it('lists every invalid setting at once, with its path in the configuration', () => {
    expect(
      refusedPaths(() =>
        createMessengerAdapter({
          id: 'fb',
          settings: {
            appSecret: 'short',
            verifyToken: 'x',
            pages: {
              'not-a-page': { accessToken: 'EAAG-long-enough-token' },
              [PAGE_ID]: { accessToken: 'x' },
            },
            graph: { version: '21' },
            publicUrl: 'ftp://x',
            mediaLinks: { secret: 'short' },
            extra: true,
          },
        }),
      ).sort(),
    ).to.deep.equal(
      [
        'channels.fb.settings',
        'channels.fb.settings.appSecret',
        'channels.fb.settings.graph.version',
        'channels.fb.settings.mediaLinks.secret',
        'channels.fb.settings.pages.not-a-page',
        `channels.fb.settings.pages.${PAGE_ID}.accessToken`,
        'channels.fb.settings.publicUrl',
        'channels.fb.settings.verifyToken',
      ].sort(),
    );
  });

  it('refuses a channel without Pages', () => {
    expect(
      refusedPaths(() =>
        createMessengerAdapter({ id: 'fb', settings: { ...settings, pages: {} } }),
      ),
    ).to.deep.equal(['channels.fb.settings.pages']);
  });
});
