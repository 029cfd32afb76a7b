import { expect } from 'chai';
import { Container } from 'inversify';
import {
  ChannelContribution,
  Store,
  coreModule,
  isAdapterPackage,
  type ChannelConfig,
} from '@tvox-connector/core';
import { tvoxAdapter } from '@tvox-connector/adapter-webchat';
import { SECRET } from './support/webchat-harness.js';

describe('web chat module', () => {
  it('contributes each channel’s adapter, routes and pages, reading history from core’s Store', () => {
    expect(isAdapterPackage(tvoxAdapter)).to.equal(true);
    const module = (id: string) => {
      const config: ChannelConfig = {
        id,
        adapter: 'webchat',
        serviceCode: 'S',
        entryPoints: {},
        settings: { secret: SECRET },
      };
      const urls = {
        publicUrl: 'https://chat.example.com',
        webhookUrl: `https://chat.example.com/webhooks/${id}`,
      };
      return tvoxAdapter.module({
        config,
        ...urls,
        settings: tvoxAdapter.parseSettings(config, urls),
      });
    };
    const container = new Container();
    container.load(coreModule, module('shop'), module('help'));
    // Read only when a widget reconnects, which this test does not do.
    container.bind<Store>(Store).toConstantValue({} as Store);
    const contributions = container.getAll<ChannelContribution>(ChannelContribution);
    expect(contributions.map((c) => c.adapter.channel)).to.deep.equal(['shop', 'help']);
    for (const contribution of contributions) {
      expect(contribution.routes).to.be.a('function');
      expect(contribution.pages).to.have.keys(['demo', 'widget']);
    }
  });
});
