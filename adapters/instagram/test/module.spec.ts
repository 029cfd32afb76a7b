import {
  ChannelContribution,
  ConfigError,
  Store,
  coreModule,
  isAdapterPackage,
  type ChannelConfig,
} from '@tvox-connector/core';
import {
  InstagramAdapter,
  createInstagramAdapter,
  tvoxAdapter,
} from '@tvox-connector/adapter-instagram';
import { expect } from 'chai';
import { Container, ContainerModule } from 'inversify';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID, instagramSettings } from './support/instagram-fixtures';

const urls = {
  publicUrl: 'https://connector.example.com',
  webhookUrl: 'https://connector.example.com/webhooks/ig',
};
const config = (
  written: Record<string, unknown>,
  entryPoints: Record<string, string> = {},
): ChannelConfig => ({
  id: 'ig',
  adapter: 'instagram',
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

describe('Instagram module, factory and settings', () => {
  const settings = { ...instagramSettings('http://127.0.0.1:9', urls.webhookUrl) };

  it('contributes one InstagramAdapter per channel module, reading core’s ledger', () => {
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
    expect(adapter).to.be.instanceOf(InstagramAdapter);
    expect(adapter).to.include({ channel: 'ig', network: 'instagram', idempotentSend: false });
    expect(adapter?.routes?.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /media']);
  });

  it('defaults publicUrl to the channel’s webhook, reactions to text, no HUMAN_AGENT tag', () => {
    const { publicUrl, graph, ...rest } = settings;
    const parsed = tvoxAdapter.parseSettings(config(rest), urls);
    expect(parsed.publicUrl).to.equal(urls.webhookUrl);
    expect(parsed.graph.apiRoot).to.equal('https://graph.facebook.com');
    expect(parsed.reactions).to.equal('text');
    expect(parsed.humanAgentTag).to.equal(false);
  });

  it('takes entry points that are accounts of the channel, and names those that are not', () => {
    const routed = { [ACCOUNT_ID]: 'SALES', [OTHER_ACCOUNT_ID]: 'SUPPORT' };
    expect(() => tvoxAdapter.parseSettings(config(settings, routed), urls)).to.not.throw();
    expect(
      refusedPaths(() => tvoxAdapter.parseSettings(config(settings, { '123': 'SALES' }), urls)),
    ).to.deep.equal(['channels.ig.entryPoints.123']);
  });

  it('lists every invalid setting at once, with its path in the configuration', () => {
    expect(
      refusedPaths(() =>
        createInstagramAdapter({
          id: 'ig',
          settings: {
            appSecret: 'short',
            verifyToken: 'x',
            accounts: {
              'not-an-account': { accessToken: 'IGQW-long-enough-token' },
              [ACCOUNT_ID]: { accessToken: 'x', pageId: 'page' },
            },
            reactions: 'emoji',
            publicUrl: 'ftp://x',
            mediaLinks: { secret: 'short' },
          },
        }),
      ).sort(),
    ).to.deep.equal(
      [
        'channels.ig.settings.appSecret',
        'channels.ig.settings.accounts.not-an-account',
        `channels.ig.settings.accounts.${ACCOUNT_ID}.accessToken`,
        `channels.ig.settings.accounts.${ACCOUNT_ID}.pageId`,
        'channels.ig.settings.reactions',
        'channels.ig.settings.publicUrl',
        'channels.ig.settings.mediaLinks.secret',
        'channels.ig.settings.verifyToken',
      ].sort(),
    );
  });

  it('refuses a channel without accounts', () => {
    expect(
      refusedPaths(() =>
        createInstagramAdapter({ id: 'ig', settings: { ...settings, accounts: {} } }),
      ),
    ).to.deep.equal(['channels.ig.settings.accounts']);
  });
});
