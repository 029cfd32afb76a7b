import { expect } from 'chai';
import fc from 'fast-check';
import {
  InboundActivity,
  InvalidInputError,
  parseInput,
  SignatureError,
  type ChannelAdapter,
  type WebhookRequest,
} from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import { VisitorTokens, createWebchatChannel } from '@tvox-connector/adapter-webchat';
import { CHANNEL, SECRET } from './support/webchat-harness.js';

describe('web chat verify and parse', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 10, 0, 0));
  const adapter: ChannelAdapter = createWebchatChannel({
    channel: {
      id: CHANNEL,
      adapter: 'webchat',
      serviceCode: 'SUPPORT',
      entryPoints: {},
      settings: { secret: SECRET, maxTextLength: 100 },
    },
    publicUrl: 'https://chat.example.com/',
    ledger: { messages: async () => [] },
    clock,
  }).adapter;
  const token = new VisitorTokens(SECRET, 365, clock).issue({
    id: 'v-1',
    identity: { name: 'Ada', email: 'ada@example.com' },
  });

  function request(body: unknown, authorization = `Bearer ${token}`): WebhookRequest {
    return {
      method: 'POST',
      path: '/messages',
      query: {},
      headers: { authorization, 'content-type': 'application/json' },
      rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    };
  }

  it('verifies the visitor token, and refuses a missing, forged or foreign one', () => {
    expect(() => adapter.verify(request({}))).not.to.throw();
    const foreign = new VisitorTokens(`${SECRET}!`, 365, clock).issue({ id: 'v-1' });
    for (const authorization of ['', 'Basic abc', `Bearer ${token}x`, `Bearer ${foreign}`])
      expect(() => adapter.verify(request({}, authorization)), authorization).to.throw(
        SignatureError,
      );
  });

  it('parses a message into the inbound model, with the identity as the sender', async () => {
    const parsed = await adapter.parse(
      request({ type: 'message', clientId: 'c-1', text: ' Hello ', locale: 'it-IT' }),
    );
    expect(parsed).to.deep.equal({
      kind: 'activities',
      activities: [
        {
          kind: 'message',
          networkMessageId: 'c-1',
          conversation: { channel: CHANNEL, id: 'v-1' },
          sender: { id: 'v-1', displayName: 'Ada', email: 'ada@example.com', locale: 'it-IT' },
          text: 'Hello',
          attachments: [],
          sentAt: '2026-11-25T10:00:00.000Z',
        },
      ],
    });
  });

  it('parses typing and read receipts', async () => {
    const typing = await adapter.parse(request({ type: 'typing' }));
    expect(typing).to.have.nested.property('activities[0].kind', 'typing');
    const receipt = await adapter.parse(
      request({ type: 'receipt', status: 'read', ids: ['out:s:1'] }),
    );
    expect(receipt).to.deep.include({
      activities: [
        {
          kind: 'receipt',
          conversation: { channel: CHANNEL, id: 'v-1' },
          status: 'read',
          networkMessageIds: ['out:s:1'],
          at: '2026-11-25T10:00:00.000Z',
        },
      ],
    });
  });

  it('refuses over-long text, an empty message and a forged attachment reference', () => {
    const bad = [
      { type: 'message', clientId: 'c-1', text: 'x'.repeat(101) },
      { type: 'message', clientId: 'c-1', text: '   ' },
      { type: 'message', clientId: 'c-1', attachments: ['eyJmIjoiYSJ9.forged'] },
      { type: 'shout', text: 'hi' },
    ];
    for (const body of bad)
      expect(() => adapter.parse(request(body)), JSON.stringify(body)).to.throw(InvalidInputError);
  });

  it('throws nothing but InvalidInputError for any body (property)', async () => {
    const frame = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record(
        {
          type: fc.constantFrom('message', 'typing', 'receipt', 'hello'),
          clientId: fc.oneof(fc.string(), fc.uuid()),
          text: fc.oneof(fc.string(), fc.integer()),
          attachments: fc.array(fc.string()),
          status: fc.constantFrom('read', 'delivered', 'seen'),
          ids: fc.array(fc.string()),
          locale: fc.string(),
        },
        { requiredKeys: ['type'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (body) => {
        try {
          const parsed = await adapter.parse(request(body));
          if (parsed.kind !== 'activities') return expect.fail(`parsed as ${parsed.kind}`);
          // What parse returns, core's relay accepts.
          for (const activity of parsed.activities)
            parseInput(InboundActivity, activity, 'activity');
        } catch (error) {
          expect(error).to.be.instanceOf(InvalidInputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
