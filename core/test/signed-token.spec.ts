import { createHmac } from 'node:crypto';
import {
  SignedTokenError,
  SignedTokens,
  signatureMatches,
  signatureOf,
  type SignedTokenProblem,
  type SigningKey,
} from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';

const Payload = z.object({
  id: z.string(),
  count: z.int(),
  tags: z.array(z.string()),
  note: z.string().optional(),
});
type Payload = z.infer<typeof Payload>;

const payloadArb: fc.Arbitrary<Payload> = fc.record(
  {
    id: fc.string({ unit: 'binary' }),
    count: fc.integer(),
    tags: fc.array(fc.string(), { maxLength: 4 }),
    note: fc.string({ unit: 'grapheme', maxLength: 40 }),
  },
  { requiredKeys: ['id', 'count', 'tags'] },
);
const keyArb: fc.Arbitrary<SigningKey> = fc.record(
  {
    secret: fc.string({ minLength: 32, maxLength: 64 }),
    purpose: fc.stringMatching(/^[a-z]{1,12}$/),
  },
  { requiredKeys: ['secret'] },
);
/** Every character a token is made of, and a few it never holds. */
const tokenChar = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]$/),
  fc.constantFrom('.', '=', '+', '/', ' ', '!', '\n', '\u00e9'),
);

const TTL_SECONDS = 600;

/** Tokens of `Payload` under `key`, expiring after `TTL_SECONDS` on `clock` when given one. */
function tokens(key: SigningKey, clock?: ManualClock): SignedTokens<Payload> {
  return new SignedTokens({
    key,
    payload: Payload,
    what: 'test token',
    ...(clock === undefined ? {} : { expiry: { ttlSeconds: TTL_SECONDS, clock } }),
  });
}

/** The problem `open` refused `token` with; fails the test if it threw anything else. */
function refusal(from: SignedTokens<Payload>, token: string): SignedTokenProblem | 'opened' {
  try {
    from.open(token);
    return 'opened';
  } catch (error) {
    expect(error).to.be.instanceOf(SignedTokenError);
    return (error as SignedTokenError).problem;
  }
}

describe('signed tokens', () => {
  it('gives back what it signed, expiring or not, with or without a purpose', () => {
    fc.assert(
      fc.property(keyArb, payloadArb, fc.boolean(), (key, payload, expiring) => {
        const signed = tokens(key, expiring ? new ManualClock() : undefined);
        expect(signed.open(signed.sign(payload))).to.deep.equal(payload);
      }),
    );
  });

  it('refuses a token with any one character changed', () => {
    fc.assert(
      fc.property(keyArb, payloadArb, fc.nat(), tokenChar, (key, payload, at, char) => {
        const signed = tokens(key, new ManualClock());
        const token = signed.sign(payload);
        const i = at % token.length;
        fc.pre(token[i] !== char);
        const altered = `${token.slice(0, i)}${char}${token.slice(i + 1)}`;
        expect(refusal(signed, altered)).to.be.oneOf(['malformed', 'forged']);
      }),
    );
  });

  it('refuses a token signed with another secret or for another purpose', () => {
    fc.assert(
      fc.property(keyArb, keyArb, payloadArb, (key, other, payload) => {
        fc.pre(key.secret !== other.secret || key.purpose !== other.purpose);
        const token = tokens(other).sign(payload);
        expect(refusal(tokens(key), token)).to.equal('forged');
      }),
    );
  });

  it('opens an expiring token until its time is up, then refuses it as expired', () => {
    fc.assert(
      fc.property(keyArb, payloadArb, fc.nat({ max: 2 * TTL_SECONDS * 1000 }), (key, p, wait) => {
        const clock = new ManualClock();
        const signed = tokens(key, clock);
        const token = signed.sign(p);
        clock.advance(wait);
        expect(refusal(signed, token)).to.equal(wait < TTL_SECONDS * 1000 ? 'opened' : 'expired');
      }),
    );
  });

  it('throws nothing but SignedTokenError for any string', () => {
    const signed = tokens({ secret: 'a-secret-of-at-least-thirty-two-chars' }, new ManualClock());
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (garbage) => {
        expect(refusal(signed, garbage)).to.not.equal('opened');
      }),
    );
  });

  it('refuses anything rightly signed that is not its JSON payload as unreadable', () => {
    const key = { secret: 'a-secret-of-at-least-thirty-two-chars', purpose: 'test' };
    const signed = tokens(key, new ManualClock());
    const signedData = (data: string) => `${data}.${signatureOf(key, data)}`;
    const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ unit: 'binary' })), (carried) => {
        fc.pre(carried !== '');
        expect(refusal(signed, signedData(base64url(carried)))).to.be.oneOf([
          'unreadable',
          'opened',
        ]);
      }),
    );
    const noExpiry = base64url(JSON.stringify({ id: 'x', count: 1, tags: [] }));
    expect(refusal(signed, signedData(noExpiry))).to.equal('unreadable');
  });

  it('signs base64url JSON with the HMAC-SHA256 of the purpose, a line break and the data', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 15, 9, 30, 0));
    const key = { secret: 'a-secret-of-at-least-thirty-two-chars', purpose: 'visitor' };
    const [data, signature] = tokens(key, clock).sign({ id: 'v-1', count: 2, tags: [] }).split('.');
    expect(JSON.parse(Buffer.from(data ?? '', 'base64url').toString('utf8'))).to.deep.equal({
      id: 'v-1',
      count: 2,
      tags: [],
      e: clock.now() / 1000 + TTL_SECONDS,
    });
    const hmac = (signed: string) =>
      createHmac('sha256', key.secret).update(signed, 'utf8').digest('base64url');
    expect(signature).to.equal(hmac(`visitor\n${data ?? ''}`));
    expect(signatureOf({ secret: key.secret }, 'data')).to.equal(hmac('data'));
    expect(signatureMatches(key, 'data', hmac('visitor\ndata'))).to.equal(true);
    expect(signatureMatches(key, 'data', hmac('data'))).to.equal(false);
  });
});
