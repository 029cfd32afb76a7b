import {
  ChannelContribution,
  Store,
  coreModule,
  isAdapterPackage,
  type ChannelConfig,
  type MessageRecord,
} from '@tvox-connector/core';
import { WhatsAppAdapter, tvoxAdapter } from '@tvox-connector/adapter-whatsapp';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { Container, ContainerModule } from 'inversify';
import { FakeWhatsAppApi } from './support/fake-whatsapp-api';
import {
  NUMBER_TOKENS,
  OTHER_PHONE_NUMBER_ID,
  WA_ID,
  whatsappSettings,
} from './support/whatsapp-fixtures';

const urls = {
  publicUrl: 'https://connector.example.com',
  webhookUrl: 'https://connector.example.com/webhooks/wa',
};

describe('WhatsApp module', () => {
  let api: FakeWhatsAppApi;
  beforeEach(async () => {
    api = await FakeWhatsAppApi.start(NUMBER_TOKENS);
  });
  afterEach(() => api.close());

  it('contributes one WhatsAppAdapter per channel, with core’s ledger and the channel’s routing', async () => {
    expect(isAdapterPackage(tvoxAdapter)).to.equal(true);
    // Without publicUrl: it defaults to the channel's webhook.
    const written: Record<string, unknown> = {
      ...whatsappSettings(api.apiRoot, 'unused', {
        windowTemplates: { SALES: { '*': { name: 'sales_follow_up', language: 'en' } } },
      }),
    };
    delete written.publicUrl;
    const channel: ChannelConfig = {
      id: 'wa',
      adapter: 'whatsapp',
      serviceCode: 'SUPPORT',
      entryPoints: { [OTHER_PHONE_NUMBER_ID]: 'SALES' },
      settings: written,
    };
    const conversation = { channel: 'wa', id: `${OTHER_PHONE_NUMBER_ID}-${WA_ID}` };
    const longAgo: MessageRecord = {
      id: 'in-1',
      direction: 'inbound',
      conversation,
      networkMessageIds: ['wamid.in'],
      state: 'sent',
      payload: { sentAt: '2020-01-01T00:00:00.000Z' },
      acceptedAt: 0,
      updatedAt: 0,
    };
    const container = new Container();
    container.load(
      coreModule,
      new ContainerModule(({ bind }) => {
        bind(Store).toConstantValue({ listMessages: () => Promise.resolve([longAgo]) });
      }),
      tvoxAdapter.module({
        config: channel,
        ...urls,
        settings: tvoxAdapter.parseSettings(channel, urls),
      }),
    );
    const [contribution, ...more] = container.getAll<ChannelContribution>(ChannelContribution);
    expect(more).to.deep.equal([]);
    const adapter = contribution?.adapter;
    if (!(adapter instanceof WhatsAppAdapter)) return expect.fail('not a WhatsAppAdapter');
    try {
      expect(adapter).to.include({ channel: 'wa', network: 'whatsapp', idempotentSend: false });
      expect(adapter.routes.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /media']);
      expect(tvoxAdapter.parseSettings(channel, urls).publicUrl).to.equal(urls.webhookUrl);
      // The store says the window closed; the number routes to SALES, whose template goes.
      await expectRejection(
        adapter.send({
          kind: 'message',
          messageId: 'out-1',
          conversation,
          origin: 'agent',
          text: 'Hi',
          attachments: [],
          quickReplies: [],
        }),
      );
      expect(api.delivered(conversation.id)).to.deep.equal([
        { kind: 'text', text: 'template:sales_follow_up', quickReplies: [] },
      ]);
    } finally {
      await adapter.stop();
    }
  });
});
