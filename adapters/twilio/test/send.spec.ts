import { NetworkApiError, basicAuthorization, type OutboundMessage } from '@tvox-connector/core';
import { createTwilioAdapter, tvoxAdapter } from '@tvox-connector/adapter-twilio';
import { expect } from 'chai';
import { FakeMessagesApi } from './support/fake-messages-api';
import { ACCOUNT_SID, AUTH_TOKEN, CUSTOMER_NUMBER, settings } from './support/twilio-fixtures';

const SERVICE_SID = 'MG' + 'abcdef0123456789'.repeat(2);

describe('Twilio Messages API sends', () => {
  let api: FakeMessagesApi;
  beforeEach(async () => {
    api = await FakeMessagesApi.start(ACCOUNT_SID, AUTH_TOKEN);
  });
  afterEach(() => api.close());

  const message = (text: string): OutboundMessage => ({
    kind: 'message',
    messageId: 'm1',
    conversation: { channel: 'sms', id: CUSTOMER_NUMBER },
    origin: 'agent',
    text,
    attachments: [],
    quickReplies: [],
  });

  it('creates the message with Basic auth, through the Messaging Service when one is set', async () => {
    const adapter = createTwilioAdapter({
      id: 'sms',
      settings: settings(api.apiRoot, { sender: { messagingServiceSid: SERVICE_SID } }),
    });
    const receipt = await adapter.send(message('Buongiorno'));
    expect(receipt.networkMessageIds).to.deep.equal([api.created[0]?.sid]);
    const call = api.calls[0];
    expect(call?.path).to.equal(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(call?.headers.authorization).to.equal(basicAuthorization(ACCOUNT_SID, AUTH_TOKEN));
    expect(Object.fromEntries(api.created[0]?.params ?? [])).to.deep.equal({
      To: CUSTOMER_NUMBER,
      MessagingServiceSid: SERVICE_SID,
      Body: 'Buongiorno',
    });
  });

  it("fails for good on a 4xx, with Twilio's error code and message", async () => {
    const adapter = createTwilioAdapter({ id: 'sms', settings: settings(api.apiRoot) });
    const error = await adapter.send(message('x'.repeat(1601))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(NetworkApiError);
    const refused = error as NetworkApiError;
    expect([refused.status, refused.retryable, refused.networkCode]).to.deep.equal([
      400,
      false,
      '21617',
    ]);
    expect(refused.message).to.contain('1600 character limit');
  });

  it('takes its public URL from the channel webhook when settings leave it out', () => {
    const { publicUrl, ...rest } = settings('https://api.twilio.com');
    const parsed = tvoxAdapter.parseSettings(
      { id: 'sms', adapter: 'twilio', serviceCode: 'SMS', entryPoints: {}, settings: rest },
      { publicUrl: 'https://c.example.com', webhookUrl: 'https://c.example.com/webhooks/sms' },
    );
    expect(parsed.publicUrl).to.equal('https://c.example.com/webhooks/sms');
    expect(publicUrl).to.not.equal(parsed.publicUrl);
  });
});
