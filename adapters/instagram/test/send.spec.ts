import { InvalidInputError, NetworkApiError, type OutboundMessage } from '@tvox-connector/core';
import {
  INSTAGRAM_CAPABILITIES,
  createInstagramAdapter,
  type InstagramSettingsInput,
} from '@tvox-connector/adapter-instagram';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import type { FakeSendApi } from '../../meta-graph/test/support/fake-send-api';
import {
  ACCOUNT_ID,
  ACCOUNT_TOKEN,
  CONVERSATION_ID,
  IGSID,
  OTHER_ACCOUNT_ID,
  OTHER_PAGE_ID,
  OTHER_PAGE_TOKEN,
  instagramSettings,
  startFakeInstagram,
} from './support/instagram-fixtures';

const HOUR = 3600 * 1000;

/** The error `promise` fails with, checked to be a `type`. */
async function rejection<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await expectRejection(promise);
  expect(error).to.be.instanceOf(type);
  return error as E;
}
let nextId = 0;

const message = (fields: Partial<OutboundMessage> = {}): OutboundMessage => ({
  kind: 'message',
  messageId: `out-${++nextId}`,
  conversation: { channel: 'instagram', id: CONVERSATION_ID },
  origin: 'agent',
  attachments: [],
  quickReplies: [],
  ...fields,
});

describe('Instagram sends', () => {
  let graph: FakeSendApi;
  const adapter = (more: Partial<InstagramSettingsInput> = {}) =>
    createInstagramAdapter({
      id: 'instagram',
      settings: instagramSettings(
        graph.apiRoot,
        'https://connector.example.com/webhooks/instagram',
        more,
      ),
    });

  beforeEach(async () => {
    graph = await startFakeInstagram();
  });
  afterEach(async () => {
    await graph.close();
  });

  const sendCalls = () => graph.calls.filter((c) => c.method === 'POST');
  const bodyOf = (index: number) =>
    JSON.parse(sendCalls()[index]?.body.toString() ?? '{}') as Record<string, unknown>;

  it('declares what Instagram takes: 1,000 characters, one image, video or audio of 8 MB, 13 quick replies, typing, reads', () => {
    expect(INSTAGRAM_CAPABILITIES).to.deep.include({
      maxTextLength: 1000,
      quickReplies: { max: 13, maxTitleLength: 20 },
      typing: true,
      readReceipts: true,
    });
    expect(INSTAGRAM_CAPABILITIES.attachments).to.deep.include({
      maxBytes: 8 * 1024 * 1024,
      maxPerCall: 1,
      maxCaptionLength: 0,
    });
    expect(INSTAGRAM_CAPABILITIES.attachments?.contentTypes).to.not.include('application/pdf');
    expect(adapter().idempotentSend).to.equal(false);
  });

  it('sends a text as a RESPONSE to the IGSID with the account’s token, and returns the message id', async () => {
    const receipt = await adapter().send(message({ text: 'Sì, la M è disponibile' }));
    expect(receipt.networkMessageIds).to.deep.equal(['m_fake-1']);
    const [call] = sendCalls();
    expect(call?.path).to.equal(`/v21.0/${ACCOUNT_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${ACCOUNT_TOKEN}`);
    expect(bodyOf(0)).to.deep.equal({
      recipient: { id: IGSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Sì, la M è disponibile' },
    });
  });

  it('answers an account linked to a Page through that Page, with the Page’s token', async () => {
    await adapter().send(
      message({
        conversation: { channel: 'instagram', id: `${OTHER_ACCOUNT_ID}-555` },
        text: 'ok',
      }),
    );
    const [call] = sendCalls();
    expect(call?.path).to.equal(`/v21.0/${OTHER_PAGE_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${OTHER_PAGE_TOKEN}`);
  });

  it('sends a file by URL as the attachment type of its content type, and quick replies as buttons', async () => {
    const instagram = adapter();
    await instagram.send(
      message({
        attachments: [
          { name: 'a.jpg', contentType: 'image/jpeg', size: 10, url: 'https://t.example/a.jpg' },
        ],
      }),
    );
    await instagram.send(
      message({
        text: 'Preferisce?',
        quickReplies: [{ title: 'Ritiro', payload: 'PICKUP' }, { title: 'Consegna' }],
      }),
    );
    expect(bodyOf(0).message).to.deep.equal({
      attachment: {
        type: 'image',
        payload: { url: 'https://t.example/a.jpg', is_reusable: false },
      },
    });
    expect(bodyOf(1).message).to.deep.equal({
      text: 'Preferisce?',
      quick_replies: [
        { content_type: 'text', title: 'Ritiro', payload: 'PICKUP' },
        { content_type: 'text', title: 'Consegna', payload: 'Consegna' },
      ],
    });
  });

  it('shows typing with sender_action typing_on', async () => {
    const receipt = await adapter().send({
      kind: 'typing',
      conversation: { channel: 'instagram', id: CONVERSATION_ID },
    });
    expect(receipt.networkMessageIds).to.deep.equal([]);
    expect(bodyOf(0)).to.deep.equal({ recipient: { id: IGSID }, sender_action: 'typing_on' });
  });

  it('fails for good, saying why, a reply outside the 24-hour window without the HUMAN_AGENT tag', async () => {
    graph.lastWrote.set(IGSID, Date.now() - 25 * HOUR);
    const error = await rejection(adapter().send(message({ text: 'Eccomi' })), NetworkApiError);
    expect(error.retryable).to.equal(false);
    expect(error.message).to.match(/more than 24 hours ago, and Instagram takes a reply only/);
    expect(error.message).to.match(/settings\.humanAgentTag/);
    expect(sendCalls()).to.have.length(1);
  });

  it('sends again with the HUMAN_AGENT tag outside 24 hours when the app has it, and fails after 7 days', async () => {
    graph.humanAgentApproved = true;
    graph.lastWrote.set(IGSID, Date.now() - 30 * HOUR);
    const instagram = adapter({ humanAgentTag: true });
    const receipt = await instagram.send(message({ text: 'Eccomi' }));
    expect(receipt.networkMessageIds).to.have.length(1);
    expect(bodyOf(1)).to.deep.include({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    graph.lastWrote.set(IGSID, Date.now() - 8 * 24 * HOUR);
    const late = await rejection(instagram.send(message({ text: 'Ancora?' })), NetworkApiError);
    expect(late.retryable).to.equal(false);
    expect(late.message).to.match(/more than 7 days ago.*Instagram takes no reply after that/);
  });

  it('fails for good, saying what to do, when the token expired', async () => {
    const error = await rejection(
      adapter({ accounts: { [ACCOUNT_ID]: { accessToken: 'IGQW-an-expired-token-000' } } }).send(
        message({ text: 'x' }),
      ),
      NetworkApiError,
    );
    expect(error.retryable).to.equal(false);
    expect(error.message).to.match(/access token expired or is invalid/);
  });

  it('refuses a conversation of an account not in settings.accounts, and an id it did not make', async () => {
    const other = await rejection(
      adapter().send(message({ conversation: { channel: 'instagram', id: '777-1' }, text: 'x' })),
      NetworkApiError,
    );
    expect(other.retryable).to.equal(false);
    expect(other.message).to.match(/not in the channel's settings\.accounts/);
    const garbled = await rejection(
      adapter().send(message({ conversation: { channel: 'instagram', id: 'nope' }, text: 'x' })),
      InvalidInputError,
    );
    expect(garbled.message).to.match(/Instagram account id/);
    expect(sendCalls()).to.deep.equal([]);
  });

  it('has a text over 1,000 characters refused by the fake as Meta does: core splits before that', async () => {
    const error = await rejection(
      adapter().send(message({ text: 'x'.repeat(1001) })),
      NetworkApiError,
    );
    expect(error.retryable).to.equal(false);
  });
});
