import { expect } from 'chai';
import { Container } from 'inversify';
import { ChannelAdapter } from '@tvox-connector/core';
import {
  WebchatChannel,
  createWebchatChannel,
  webchatModule,
} from '@tvox-connector/adapter-webchat';
import { SECRET } from './support/webchat-harness.js';

describe('web chat module', () => {
  it('binds each channel’s adapter beside the others, and the channel for its routes', () => {
    const channel = (id: string) =>
      createWebchatChannel({
        channel: {
          id,
          adapter: 'webchat',
          serviceCode: 'S',
          entryPoints: {},
          settings: { secret: SECRET },
        },
        publicUrl: 'https://chat.example.com',
        ledger: { messages: async () => [] },
      });
    const shop = channel('shop');
    const help = channel('help');
    const container = new Container();
    container.load(webchatModule(shop), webchatModule(help));
    expect(container.getAll<ChannelAdapter>(ChannelAdapter).map((a) => a.channel)).to.deep.equal([
      'shop',
      'help',
    ]);
    expect(container.getAll<WebchatChannel>(WebchatChannel)).to.deep.equal([shop, help]);
  });
});
