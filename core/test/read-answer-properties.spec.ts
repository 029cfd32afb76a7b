import { expect } from 'chai';
import fc from 'fast-check';
import {
  NoLicenseError,
  RemoteRejectedError,
  TransportCallError,
  FAILURE_MEANINGS,
  UnknownSessionError,
  readAnswer,
  type FailureMeaningName,
} from '@tvox-connector/core';
import { compiled, operationOf } from './profile-support';

const CODES = ['GENERIC', 'NO_LICENSE', 'INVALID_CHANNEL_ID', 'constructor', 'toString', '12'];
const NIL = { $attributes: { 'xsi:nil': 'true' } };
/** A text value as XML may carry it: plain, or with attributes around it. */
const asWire = (text: string) =>
  fc.constantFrom(text, { $attributes: { 'xsi:type': 'xs:string' }, $value: text });
const absent = fc.constantFrom(undefined, null, '', NIL);

/** A startSession profile whose failure codes mean what `codes` says. */
function startSession(codes: Record<string, FailureMeaningName>) {
  return operationOf(
    compiled({
      name: 'answers',
      failure: { result: 'result', code: 'failReason', message: 'failReasonMessage', codes },
      operations: {
        openSession: {
          operation: 'startSession',
          answer: { sessionId: 'sessionId', contactId: 'contactId' },
        },
      },
    }),
    'openSession',
  );
}

const codes = fc.dictionary(fc.constantFrom(...CODES), fc.constantFrom(...FAILURE_MEANINGS));
const field = fc.oneof(fc.string(), fc.integer(), absent);
const answer = fc.record(
  {
    result: fc.oneof(asWire('SUCCESS'), asWire('FAILED'), fc.string(), absent),
    sessionId: fc.oneof(fc.string(), fc.constant('12'), absent),
    contactId: field,
    failReason: fc.oneof(fc.constantFrom(...CODES), fc.integer({ min: 10, max: 13 }), absent),
    failReasonMessage: field,
  },
  { requiredKeys: [] },
);

describe('readAnswer properties', () => {
  it('reads any answer or throws a rejection or a bad response, nothing else', () => {
    fc.assert(
      fc.property(codes, fc.oneof(answer, fc.anything()), (meanings, content) => {
        try {
          readAnswer(startSession(meanings), content, { sessionId: 's1' });
        } catch (error) {
          expect(error).to.satisfy(
            (e: unknown) => e instanceof RemoteRejectedError || e instanceof TransportCallError,
          );
        }
      }),
    );
  });

  it('maps FAILED to what the profile says its code means, rejected when it does not say', () => {
    fc.assert(
      fc.property(
        codes,
        answer,
        asWire('FAILED'),
        fc.boolean(),
        (meanings, content, failed, named) => {
          const context = named ? { sessionId: 's1' } : {};
          let thrown: unknown;
          try {
            readAnswer(startSession(meanings), { ...content, result: failed }, context);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).to.be.instanceOf(RemoteRejectedError);
          const error = thrown as RemoteRejectedError;
          const code = content.failReason;
          const sent =
            typeof code === 'string' && code !== ''
              ? code
              : typeof code === 'number'
                ? String(code)
                : undefined;
          const meaning =
            sent !== undefined && Object.hasOwn(meanings, sent) ? meanings[sent] : 'rejected';
          expect(error.meaning).to.equal(meaning);
          expect(error.remoteCode).to.equal(sent ?? 'UNSPECIFIED');
          expect(error instanceof NoLicenseError).to.equal(meaning === 'no-license');
          expect(error instanceof UnknownSessionError).to.equal(
            meaning === 'unknown-session' && named,
          );
          expect(error.retryable).to.equal(meaning === 'no-license' || meaning === 'unavailable');
        },
      ),
    );
  });

  it('reads numbers sent as text, and a list of one sent as the element itself', () => {
    const poll = operationOf(
      compiled({
        name: 'poll',
        operations: {
          openSession: { operation: 'open' },
          pollEvents: {
            operation: 'poll',
            answer: { lastSequence: 'lastSequence' },
            events: {
              list: 'events[]',
              fields: { sequence: 'sequence', sessionId: 'sessionId', at: 'at' },
              kind: { by: 'child' },
              kinds: { agentTyping: { fields: { agentCode: 'agentTyping.agentCode' } } },
            },
          },
        },
      }),
      'pollEvents',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.boolean(),
        fc.boolean(),
        (n, text, alone) => {
          const number = text ? ` ${n} ` : n;
          const event = {
            sequence: number,
            sessionId: 's1',
            at: '2026-11-25T09:00:00Z',
            agentTyping: { agentCode: 'a1' },
          };
          const read = readAnswer(poll, {
            result: 'SUCCESS',
            lastSequence: number,
            events: alone ? event : [event],
          });
          expect(read).to.deep.equal({
            lastSequence: n,
            events: [
              {
                type: 'agentTyping',
                sequence: n,
                sessionId: 's1',
                at: '2026-11-25T09:00:00Z',
                agentCode: 'a1',
              },
            ],
            unreadable: [],
          });
        },
      ),
    );
  });
});
