import { expect } from 'chai';
import fc from 'fast-check';
import {
  CONTRACT_OPERATIONS,
  Capabilities,
  InboundActivity,
  InboundMessage,
  InvalidInputError,
  OpenSessionInput,
  OutboundMessage,
  PollEventsOutput,
  SessionStatus,
  TvoxEvent,
  parseInput,
} from '@tvox-connector/core';
import { inboundMessageArb, tvoxEventArb } from './arbitraries';

const conversation = { channel: 'telegram', id: '4242' };
const sentAt = '2026-11-25T10:00:00.000Z';

describe('schemas', () => {
  describe('contract enums', () => {
    it('spells UNKNOW without the final E, as TVox does, and refuses UNKNOWN', () => {
      expect(SessionStatus.options).to.deep.equal([
        'NEW',
        'QUEUED',
        'BOOKED',
        'ASSIGNED',
        'CLOSED',
        'UNKNOW',
      ]);
      expect(SessionStatus.safeParse('UNKNOWN').success).to.equal(false);
    });
  });

  describe('inbound message', () => {
    it('parses a text message and fills in defaults', () => {
      const message = parseInput(
        InboundMessage,
        {
          kind: 'message',
          networkMessageId: '1',
          conversation,
          sender: { id: 'u1' },
          text: 'Ciao',
          sentAt,
        },
        'inbound message',
      );
      expect(message.attachments).to.deep.equal([]);
    });

    it('needs a text or an attachment', () => {
      expect(() =>
        parseInput(
          InboundMessage,
          { kind: 'message', networkMessageId: '1', conversation, sender: { id: 'u1' }, sentAt },
          'inbound message',
        ),
      ).to.throw(InvalidInputError, /text: a message needs a text or at least one attachment/);
    });

    it('lists every problem with its path', () => {
      try {
        parseInput(
          InboundMessage,
          {
            kind: 'message',
            conversation: { channel: 'Tele gram', id: '' },
            sender: { id: 'u1', email: 'not-an-email' },
            text: 'x',
            attachments: [{ name: 'a.png', contentType: 'png', size: -1, url: 'ftp://x/a.png' }],
            sentAt: 'yesterday',
          },
          'inbound message',
        );
        expect.fail('should have thrown');
      } catch (error) {
        expect(error).to.be.instanceOf(InvalidInputError);
        const paths = (error as InvalidInputError).issues.map((i) => i.path);
        expect(paths).to.include.members([
          'networkMessageId',
          'conversation.channel',
          'conversation.id',
          'sender.email',
          'attachments.0.contentType',
          'attachments.0.size',
          'attachments.0.url',
          'sentAt',
        ]);
        expect(
          (error as InvalidInputError).issues.find((i) => i.path === 'networkMessageId')?.message,
        ).to.equal('required');
      }
    });

    it('accepts typing and receipts as activities', () => {
      const sender = { id: 'u1' };
      expect(
        InboundActivity.parse({ kind: 'typing', conversation, sender, at: sentAt }).kind,
      ).to.equal('typing');
      expect(() =>
        InboundActivity.parse({
          kind: 'receipt',
          conversation,
          status: 'read',
          networkMessageIds: [],
          at: sentAt,
        }),
      ).to.throw();
    });

    it('round-trips any valid message through JSON unchanged (property)', () => {
      fc.assert(
        fc.property(inboundMessageArb, (message) => {
          const parsed = parseInput(InboundMessage, message, 'inbound message');
          expect(
            parseInput(InboundMessage, JSON.parse(JSON.stringify(parsed)), 'inbound message'),
          ).to.deep.equal(parsed);
        }),
      );
    });

    it('answers any junk with InvalidInputError and nothing else (property)', () => {
      fc.assert(
        fc.property(fc.anything(), (junk) => {
          try {
            parseInput(InboundActivity, junk, 'inbound activity');
          } catch (error) {
            expect(error).to.be.instanceOf(InvalidInputError);
          }
        }),
      );
    });
  });

  describe('outbound message', () => {
    it('carries quick replies and the agent', () => {
      const message = OutboundMessage.parse({
        kind: 'message',
        messageId: 'm1',
        conversation,
        origin: 'agent',
        agent: { code: 'a1', name: 'Giulia' },
        text: 'Which one?',
        quickReplies: [{ title: 'Yes' }, { title: 'No', payload: 'no' }],
      });
      expect(message.quickReplies).to.have.length(2);
      expect(message.attachments).to.deep.equal([]);
    });
  });

  describe('capabilities', () => {
    it('accepts wildcard content types and refuses malformed ones', () => {
      const base = { maxTextLength: 4096, typing: true, readReceipts: false };
      expect(
        Capabilities.safeParse({ ...base, attachments: { maxBytes: 1, contentTypes: ['image/*'] } })
          .success,
      ).to.equal(true);
      expect(
        Capabilities.safeParse({ ...base, attachments: { maxBytes: 1, contentTypes: ['image'] } })
          .success,
      ).to.equal(false);
      expect(Capabilities.safeParse({ ...base, maxTextLength: 0 }).success).to.equal(false);
    });
  });

  describe('contract', () => {
    it('describes the six commands and the callback', () => {
      expect(Object.keys(CONTRACT_OPERATIONS).sort()).to.deep.equal(
        [
          'ackEvents',
          'closeSession',
          'getSessionStatus',
          'notifyEvents',
          'openSession',
          'pollEvents',
          'sendMessage',
        ].sort(),
      );
      for (const [name, { input }] of Object.entries(CONTRACT_OPERATIONS)) {
        expect(Object.keys(input.shape), name).to.include('connectorCode');
      }
    });

    it('parses a full openSession input', () => {
      const input = OpenSessionInput.parse({
        connectorCode: 'CONN1',
        serviceCode: 'SUPPORT',
        requestId: 'telegram:4242:1',
        contact: { id: 'u1', channel: 'telegram', displayName: 'Anna', locale: 'it' },
        channelSessionId: '4242',
        attributes: { vip: 'true' },
      });
      expect(input.contact.channel).to.equal('telegram');
    });

    it('reads a pollEvents answer with no events as CXF sends it (list absent)', () => {
      expect(PollEventsOutput.parse({ result: 'SUCCESS', lastSequence: 0 }).events).to.equal(
        undefined,
      );
    });

    it('keeps an error code a newer TVox release sends', () => {
      expect(
        CONTRACT_OPERATIONS.sendMessage.output.parse({
          result: 'FAILED',
          errorCode: 'QUOTA_EXCEEDED',
        }).errorCode,
      ).to.equal('QUOTA_EXCEEDED');
    });

    it('refuses an agent message with neither text nor attachments', () => {
      const base = {
        type: 'agentMessage',
        sequence: 1,
        sessionId: 's',
        at: sentAt,
        messageId: 'm',
        agentCode: 'a',
      };
      expect(TvoxEvent.safeParse(base).success).to.equal(false);
      expect(TvoxEvent.safeParse({ ...base, text: 'hi' }).success).to.equal(true);
    });

    it('round-trips any valid event through JSON (property)', () => {
      fc.assert(
        fc.property(tvoxEventArb, (event) => {
          expect(TvoxEvent.parse(JSON.parse(JSON.stringify(event)))).to.deep.equal(event);
        }),
      );
    });

    it('refuses events with a sequence below 1 or not an integer', () => {
      const base = { type: 'agentTyping', sessionId: 's', at: sentAt, agentCode: 'a' };
      for (const sequence of [0, -1, 1.5, '3'])
        expect(TvoxEvent.safeParse({ ...base, sequence }).success, String(sequence)).to.equal(
          false,
        );
    });
  });
});
