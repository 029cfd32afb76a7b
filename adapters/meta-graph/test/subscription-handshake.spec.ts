import { SignatureError, type WebhookRequest } from '@tvox-connector/core';
import {
  HUB_SIGNATURE_HEADER,
  hubSignature,
  subscriptionReply,
  verifyMetaWebhook,
} from '@tvox-connector/meta-graph';
import { expect } from 'chai';
import fc from 'fast-check';

const SECRETS = { appSecret: 'f1e2d3c4b5a697887766554433221100', verifyToken: 'verify-me-please' };

const get = (query: Record<string, string>): WebhookRequest => ({
  method: 'GET',
  path: '/',
  query,
  headers: {},
  rawBody: Buffer.alloc(0),
});

describe('the webhook subscription handshake', () => {
  it('echoes hub.challenge as text/plain once the verify token matches', () => {
    const request = get({
      'hub.mode': 'subscribe',
      'hub.verify_token': 'verify-me-please',
      'hub.challenge': '1158201444',
    });
    verifyMetaWebhook(request, SECRETS);
    expect(subscriptionReply(request)).to.deep.equal({
      kind: 'reply',
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: '1158201444',
    });
  });

  it('refuses another verify token, another mode, or none, with SignatureError', () => {
    const queries: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me-pleasE', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'verify-me-please', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      {},
    ];
    for (const query of queries) {
      expect(() => verifyMetaWebhook(get(query), SECRETS), JSON.stringify(query)).to.throw(
        SignatureError,
      );
    }
  });

  it('answers a verified handshake without a challenge 400', () => {
    const request = get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me-please' });
    verifyMetaWebhook(request, SECRETS);
    expect(subscriptionReply(request)).to.include({ kind: 'reply', status: 400 });
  });

  it('checks a POST by its signature, not by a verify token in the query', () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const post = (headers: Record<string, string>, query: Record<string, string> = {}) => ({
      method: 'POST',
      path: '/',
      query,
      headers,
      rawBody: body,
    });
    expect(() =>
      verifyMetaWebhook(
        post({ [HUB_SIGNATURE_HEADER]: hubSignature(SECRETS.appSecret, body) }),
        SECRETS,
      ),
    ).to.not.throw();
    expect(() =>
      verifyMetaWebhook(
        post({}, { 'hub.mode': 'subscribe', 'hub.verify_token': SECRETS.verifyToken }),
        SECRETS,
      ),
    ).to.throw(SignatureError);
  });

  it('throws nothing but SignatureError for any query (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (query) => {
        try {
          verifyMetaWebhook(get(query), SECRETS);
        } catch (error) {
          if (!(error instanceof SignatureError)) throw error;
        }
      }),
    );
  });
});
