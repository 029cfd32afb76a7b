import { SignatureError, type WebhookRequest } from '@tvox-connector/core';
import { HUB_SIGNATURE_HEADER, hubSignature, verifyHubSignature } from '@tvox-connector/meta-graph';
import { expect } from 'chai';
import fc from 'fast-check';

const APP_SECRET = 'f1e2d3c4b5a697887766554433221100';

/**
 * A body as Meta sends it, with non-ASCII text escaped (`\u00e9`) and `/` escaped (`\/`), and
 * its signature computed independently (`openssl dgst -sha256 -hmac <secret>` over the bytes).
 */
const META_BODY =
  '{"object":"page","entry":[{"id":"1234","time":1700000000000,"messaging":[{"sender":{"id":"5678"},' +
  '"recipient":{"id":"1234"},"timestamp":1700000000000,"message":{"mid":"m_1","text":"h\\u00e9llo \\/ caf\\u00e9"}}]}]}';
const META_SIGNATURE = 'sha256=de9955370e2b146ea9657d5f677a87081968f5c588878adcbd10f1f242770e23';
/** UTF-8 bytes, not ASCII: "It’s café". */
const UTF8_BODY = Buffer.from('It\u2019s caf\u00e9', 'utf8');
const UTF8_SIGNATURE = 'sha256=7d3bc885e1260a7e4c7f49892b0442e66b3cb6b64e9e2a2e80741b8bcd7c0567';

const post = (rawBody: Buffer, signature?: string): WebhookRequest => ({
  method: 'POST',
  path: '/',
  query: {},
  headers: signature === undefined ? {} : { [HUB_SIGNATURE_HEADER]: signature },
  rawBody,
});

const refusal = (request: WebhookRequest): SignatureError => {
  try {
    verifyHubSignature(request, APP_SECRET);
  } catch (error) {
    if (error instanceof SignatureError) return error;
    throw error;
  }
  return expect.fail('the request was accepted');
};

describe('X-Hub-Signature-256', () => {
  it('matches signatures computed independently over the raw bytes', () => {
    expect(hubSignature(APP_SECRET, Buffer.from(META_BODY))).to.equal(META_SIGNATURE);
    expect(hubSignature(APP_SECRET, UTF8_BODY)).to.equal(UTF8_SIGNATURE);
    expect(() =>
      verifyHubSignature(post(Buffer.from(META_BODY), META_SIGNATURE), APP_SECRET),
    ).to.not.throw();
    expect(() => verifyHubSignature(post(UTF8_BODY, UTF8_SIGNATURE), APP_SECRET)).to.not.throw();
  });

  it('accepts upper-case hexadecimal digits and surrounding spaces', () => {
    const upper = `sha256=${META_SIGNATURE.slice(7).toUpperCase()} `;
    expect(() =>
      verifyHubSignature(post(Buffer.from(META_BODY), upper), APP_SECRET),
    ).to.not.throw();
  });

  it('refuses the same JSON re-serialised: the check is over the bytes Meta sent', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(META_BODY)));
    expect(reserialised.equals(Buffer.from(META_BODY))).to.equal(false);
    expect(refusal(post(reserialised, META_SIGNATURE)).reason).to.match(/does not match/);
  });

  it('refuses a missing header, another algorithm, a short digest and another secret’s signature', () => {
    const body = Buffer.from(META_BODY);
    expect(refusal(post(body)).reason).to.equal('missing X-Hub-Signature-256');
    const sha1 = 'sha1=' + META_SIGNATURE.slice(7, 47);
    expect(refusal(post(body, sha1)).reason).to.match(/not "sha256="/);
    expect(refusal(post(body, META_SIGNATURE.slice(0, -2))).reason).to.match(/not "sha256="/);
    expect(refusal(post(body, hubSignature('another-secret-of-the-app', body))).reason).to.match(
      /does not match/,
    );
  });

  it('accepts what it signs, for any body and secret (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ minLength: 1 }),
        (bytes, secret) => {
          const body = Buffer.from(bytes);
          verifyHubSignature(post(body, hubSignature(secret, body)), secret);
        },
      ),
    );
  });

  it('refuses a body changed by any one byte (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const body = Buffer.from(bytes);
          const signature = hubSignature(APP_SECRET, body);
          const changed = Buffer.from(body);
          const index = at % changed.length;
          changed[index] = (changed[index] ?? 0) ^ flip;
          refusal(post(changed, signature));
        },
      ),
    );
  });

  it('throws nothing but SignatureError for any header value (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 256 }), (header, bytes) => {
        refusal(post(Buffer.from(bytes), header));
      }),
    );
  });
});
