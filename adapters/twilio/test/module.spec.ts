import {
  ChannelContribution,
  ConfigError,
  coreModule,
  isAdapterPackage,
  type ChannelConfig,
} from '@tvox-connector/core';
import { TwilioAdapter, createTwilioAdapter, tvoxAdapter } from '@tvox-connector/adapter-twilio';
import { expect } from 'chai';
import { Container } from 'inversify';
import { settings } from './support/twilio-fixtures';

describe('Twilio module, factory and settings', () => {
  const urls = {
    publicUrl: 'https://connector.example.com',
    webhookUrl: 'https://connector.example.com/webhooks/sms',
  };
  const config = (written: Record<string, unknown>): ChannelConfig => ({
    id: 'sms',
    adapter: 'twilio',
    serviceCode: 'SMS',
    entryPoints: {},
    settings: written,
  });

  it('contributes one TwilioAdapter per channel module, as `adapter: twilio` loads it', () => {
    expect(isAdapterPackage(tvoxAdapter)).to.equal(true);
    const { publicUrl: _configured, ...written } = settings('https://api.twilio.com');
    const channel = config(written);
    const parsed = tvoxAdapter.parseSettings(channel, urls);
    expect(parsed.publicUrl, 'the channel webhook by default').to.equal(urls.webhookUrl);
    const container = new Container();
    container.load(coreModule, tvoxAdapter.module({ config: channel, ...urls, settings: parsed }));
    const contributions = container.getAll<ChannelContribution>(ChannelContribution);
    expect(contributions).to.have.length(1);
    const adapter = contributions[0]?.adapter;
    expect(adapter).to.be.instanceOf(TwilioAdapter);
    expect(adapter).to.include({ channel: 'sms', network: 'twilio', idempotentSend: false });
    expect(adapter?.webhookContentTypes).to.deep.equal(['application/x-www-form-urlencoded']);
    expect(adapter?.capabilities.maxTextLength).to.equal(1600);
  });

  it('refuses bad settings with a ConfigError naming each, the Auth Token never echoed', () => {
    const token = 'not-a-token-but-a-secret';
    try {
      createTwilioAdapter({
        id: 'sms',
        settings: { ...settings('https://api.twilio.com'), accountSid: 'AB1', authToken: token },
      });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const refused = error as ConfigError;
      expect(refused.issues.map((i) => i.path)).to.have.members([
        'channels.sms.settings.accountSid',
        'channels.sms.settings.authToken',
      ]);
      expect(refused.message).to.not.contain(token);
    }
  });
});
