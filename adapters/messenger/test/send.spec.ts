import { InvalidInputError, NetworkApiError, type OutboundMessage } from '@tvox-connector/core';
import {
  createMessengerAdapter,
  type MessengerSettingsInput,
} from '@tvox-connector/adapter-messenger';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { FakeGraphApi } from './support/fake-graph-api';
import {
  CONVERSATION_ID,
  OTHER_PAGE_ID,
  PAGE_ID,
  PAGE_TOKENS,
  PSID,
  messengerSettings,
} from './support/messenger-fixtures';

const HOUR = 3600 * 1000;
let nextId = 0;

const message = (fields: Partial<OutboundMessage> = {}): OutboundMessage => ({
  kind: 'message',
  messageId: `out-${++nextId}`,
  conversation: { channel: 'messenger', id: CONVERSATION_ID },
  origin: 'agent',
  attachments: [],
  quickReplies: [],
  ...fields,
});

describe('Messenger sends', () => {
  let graph: FakeGraphApi;
  const adapter = (more: Partial<MessengerSettingsInput> = {}) =>
    createMessengerAdapter({
      id: 'messenger',
      settings: messengerSettings(
        graph.apiRoot,
        'https://connector.example.com/webhooks/messenger',
        more,
      ),
    });

  beforeEach(async () => {
    graph = await FakeGraphApi.start(PAGE_TOKENS);
  });
  afterEach(async () => {
    await graph.close();
  });

  const sendCalls = () => graph.calls.filter((c) => c.method === 'POST');
  const bodyOf = (index: number) =>
    JSON.parse(sendCalls()[index]?.body.toString() ?? '{}') as Record<string, unknown>;

  it('sends a text as a RESPONSE to the Page’s PSID, with that Page’s token, and returns the message id', async () => {
    const receipt = await adapter().send(message({ text: 'Buongiorno!' }));
    expect(receipt.networkMessageIds).to.deep.equal(['m_fake-1']);
    const [call] = sendCalls();
    expect(call?.path).to.equal(`/v21.0/${PAGE_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${PAGE_TOKENS[PAGE_ID]}`);
    expect(bodyOf(0)).to.deep.equal({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Buongiorno!' },
    });
  });

  it('answers a conversation of another Page of the channel with that Page’s token', async () => {
    await adapter().send(
      message({ conversation: { channel: 'messenger', id: `${OTHER_PAGE_ID}-555` }, text: 'hi' }),
    );
    const [call] = sendCalls();
    expect(call?.path).to.equal(`/v21.0/${OTHER_PAGE_ID}/messages`);
    expect(call?.headers.authorization).to.equal(`Bearer ${PAGE_TOKENS[OTHER_PAGE_ID]}`);
  });

  it('sends each file by URL as the attachment type of its content type', async () => {
    const messenger = adapter();
    const file = (contentType: string) => ({
      name: 'f',
      contentType,
      size: 10,
      url: `https://tvox.example.com/files/${contentType}`,
    });
    for (const type of ['image/png', 'video/mp4', 'audio/mpeg', 'application/pdf'])
      await messenger.send(message({ attachments: [file(type)] }));
    expect([0, 1, 2, 3].map((i) => bodyOf(i).message)).to.deep.equal(
      [
        ['image', 'image/png'],
        ['video', 'video/mp4'],
        ['audio', 'audio/mpeg'],
        ['file', 'application/pdf'],
      ].map(([type, contentType]) => ({
        attachment: {
          type,
          payload: { url: `https://tvox.example.com/files/${contentType}`, is_reusable: false },
        },
      })),
    );
  });

  it('sends quick replies as text buttons, the payload the title when none is given', async () => {
    await adapter().send(
      message({
        text: 'Tutto chiaro?',
        quickReplies: [{ title: 'Sì', payload: 'YES' }, { title: 'No' }],
      }),
    );
    expect(bodyOf(0).message).to.deep.equal({
      text: 'Tutto chiaro?',
      quick_replies: [
        { content_type: 'text', title: 'Sì', payload: 'YES' },
        { content_type: 'text', title: 'No', payload: 'No' },
      ],
    });
  });

  it('shows typing with sender_action typing_on', async () => {
    const receipt = await adapter().send({
      kind: 'typing',
      conversation: { channel: 'messenger', id: CONVERSATION_ID },
    });
    expect(receipt.networkMessageIds).to.deep.equal([]);
    expect(bodyOf(0)).to.deep.equal({ recipient: { id: PSID }, sender_action: 'typing_on' });
  });

  it('fails for good, saying why, a reply more than 24 hours after the customer wrote, without the tag', async () => {
    graph.lastWrote.set(PSID, Date.now() - 25 * HOUR);
    const error = await expectRejection(adapter().send(message({ text: 'late' })));
    if (!(error instanceof NetworkApiError)) throw error;
    expect(error).to.include({ retryable: false, status: 400 });
    expect(error.message).to.match(/more than 24 hours ago.*settings\.humanAgentTag/);
    expect(error.networkCode).to.match(/^10\/2018278: /);
    expect(sendCalls()).to.have.length(1);
  });

  it('sends a reply outside the 24 hours with the HUMAN_AGENT tag when the app has it', async () => {
    graph.lastWrote.set(PSID, Date.now() - 3 * 24 * HOUR);
    graph.humanAgentApproved = true;
    const receipt = await adapter({ humanAgentTag: true }).send(message({ text: 'eccomi' }));
    expect(receipt.networkMessageIds).to.deep.equal(['m_fake-1']);
    expect(bodyOf(1)).to.deep.include({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(graph.delivered(CONVERSATION_ID)).to.deep.equal([
      { kind: 'text', text: 'eccomi', quickReplies: [] },
    ]);
  });

  it('tries no tag within the 24 hours', async () => {
    graph.humanAgentApproved = true;
    await adapter({ humanAgentTag: true }).send(message({ text: 'subito' }));
    expect(sendCalls()).to.have.length(1);
    expect(bodyOf(0)).to.include({ messaging_type: 'RESPONSE' });
  });

  it('fails for good past 7 days, or when Meta refuses the tag, saying so', async () => {
    graph.lastWrote.set(PSID, Date.now() - 8 * 24 * HOUR);
    graph.humanAgentApproved = true;
    const late = await expectRejection(
      adapter({ humanAgentTag: true }).send(message({ text: 'troppo tardi' })),
    );
    expect(late).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(late.message).to.match(/more than 7 days ago, or Meta refused the HUMAN_AGENT tag/);
    graph.lastWrote.set(PSID, Date.now() - 2 * 24 * HOUR);
    graph.humanAgentApproved = false;
    const refused = await expectRejection(
      adapter({ humanAgentTag: true }).send(message({ text: 'senza permesso' })),
    );
    expect(refused.message).to.match(/refused the HUMAN_AGENT tag/);
    expect(graph.accepted).to.deep.equal([]);
  });

  it('says a Page token that Meta no longer takes is permanent, without showing it', async () => {
    const messenger = createMessengerAdapter({
      id: 'messenger',
      settings: messengerSettings(
        graph.apiRoot,
        'https://connector.example.com/webhooks/messenger',
        {
          pages: { [PAGE_ID]: { accessToken: 'EAAGexpired-token-of-the-page' } },
        },
      ),
    });
    const error = await expectRejection(messenger.send(message({ text: 'hi' })));
    expect(error).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(error.message)
      .to.match(/access token expired or is invalid/)
      .and.not.contain('EAAGexpired');
  });

  it('refuses, without a call, a part of a text and a file, and a conversation it did not make', async () => {
    const file = {
      name: 'f.pdf',
      contentType: 'application/pdf',
      size: 1,
      url: 'https://tvox.example.com/f.pdf',
    };
    for (const part of [
      message({ text: 'caption', attachments: [file] }),
      message({ attachments: [file, file] }),
      message({ conversation: { channel: 'messenger', id: PSID }, text: 'x' }),
    ])
      expect(await expectRejection(adapter().send(part))).to.be.instanceOf(InvalidInputError);
    const stranger = await expectRejection(
      adapter().send(
        message({ conversation: { channel: 'messenger', id: `42-${PSID}` }, text: 'x' }),
      ),
    );
    expect(stranger).to.be.instanceOf(NetworkApiError).and.include({ retryable: false });
    expect(sendCalls()).to.deep.equal([]);
  });

  it('sends a part that failed once more from a new instance, and the customer gets it once', async () => {
    const part = message({ text: 'una volta sola' });
    graph.failNext({ kind: 'server-error', status: 503 });
    expect(await expectRejection(adapter().send(part))).to.be.instanceOf(NetworkApiError);
    await adapter().send(part);
    expect(graph.delivered(CONVERSATION_ID)).to.deep.equal([
      { kind: 'text', text: 'una volta sola', quickReplies: [] },
    ]);
  });

  it('declares its sends not idempotent: Messenger takes no idempotency key', () => {
    expect(adapter().idempotentSend).to.equal(false);
  });
});
