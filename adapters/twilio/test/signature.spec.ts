import { SignatureError } from '@tvox-connector/core';
import {
  readForm,
  signedFields,
  twilioSignature,
  verifyTwilioSignature,
} from '@tvox-connector/adapter-twilio';
import { expect } from 'chai';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';

describe('Twilio request signature', () => {
  // The worked example of Twilio's webhook security docs: Auth Token 12345, this URL and these
  // POST parameters sign as GvWf1cFY/Q7PnoempGyD5oXAezc=.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675310'],
    ['Digits', '1234'],
    ['From', '+14158675310'],
    ['To', '+18005551212'],
  ];

  it("matches the example of Twilio's docs, whatever order the parameters come in", () => {
    expect(twilioSignature('12345', url, params)).to.equal('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(twilioSignature('12345', url, [...params].reverse())).to.equal(
      'GvWf1cFY/Q7PnoempGyD5oXAezc=',
    );
  });

  it('accepts the signature of the configured URL and refuses any other, in SignatureError', () => {
    verifyTwilioSignature('GvWf1cFY/Q7PnoempGyD5oXAezc=', '12345', url, params);
    for (const [given, token, signedUrl] of [
      [undefined, '12345', url],
      ['GvWf1cFY/Q7PnoempGyD5oXAezc=', '54321', url],
      ['GvWf1cFY/Q7PnoempGyD5oXAezc=', '12345', 'https://mycompany.com/myapp.php'],
      ['', '12345', url],
    ] as const) {
      expect(() => verifyTwilioSignature(given, token, signedUrl, params)).to.throw(SignatureError);
    }
  });

  it('is the HMAC-SHA1 of the URL then each name and value sorted by name, for any parameters', () => {
    const field = fc.tuple(fc.string({ minLength: 1 }), fc.string());
    fc.assert(
      fc.property(fc.webUrl(), fc.uniqueArray(field, { selector: ([n]) => n }), (u, fields) => {
        const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : 1));
        const expected = createHmac('sha1', 'token')
          .update(u + sorted.map(([n, v]) => n + v).join(''))
          .digest('base64');
        expect(twilioSignature('token', u, fields)).to.equal(expected);
        // Signed as a form body says, read back as the adapter reads it.
        const body = Buffer.from(new URLSearchParams(fields).toString());
        expect(twilioSignature('token', u, signedFields(body))).to.equal(expected);
      }),
    );
  });
});

describe('Twilio form bodies', () => {
  it('reads back any parameters a form encoder wrote, in order, repeated names kept', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), (fields) => {
        const body = Buffer.from(new URLSearchParams(fields).toString());
        expect(readForm(body)).to.deep.equal(fields);
      }),
    );
  });

  it('refuses what is not form encoding, with InvalidInputError', () => {
    for (const body of ['a=%zz', 'a=b c', 'a=%C3%28', '{"a":1}\n']) {
      expect(() => readForm(Buffer.from(body)), body)
        .to.throw()
        .with.property('code', 'TVOX_ERR_INVALID_INPUT');
    }
  });
});
