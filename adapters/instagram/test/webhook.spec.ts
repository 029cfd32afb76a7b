import { SignatureError, noopMetrics, silentLogger, webhookEndpoint } from '@tvox-connector/core';
import { createInstagramAdapter, type InstagramAdapter } from '@tvox-connector/adapter-instagram';
import { HUB_SIGNATURE_HEADER, hubSignature } from '@tvox-connector/meta-graph';
import { RecordingSink, serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';
import { request } from 'undici';
import type { FakeSendApi } from '../../meta-graph/test/support/fake-send-api';
import {
  APP_SECRET,
  SEND_TOKENS,
  VERIFY_TOKEN,
  accountNotification,
  attachmentEvent,
  instagramSettings,
  startFakeInstagram,
  textEvent,
} from './support/instagram-fixtures';

const T = 1_767_225_600_000;

describe('the Instagram webhook as the connector serves it', () => {
  let graph: FakeSendApi;
  let server: ServedAdapter;
  let sink: RecordingSink;
  let adapter: InstagramAdapter | undefined;

  beforeEach(async () => {
    graph = await startFakeInstagram();
    sink = new RecordingSink();
    server = await serveAdapter(() => adapter, sink);
    adapter = createInstagramAdapter({
      id: 'instagram',
      settings: instagramSettings(graph.apiRoot, server.webhookUrl),
    });
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await Promise.all([server.close(), graph.close()]);
  });

  const handshake = (query: Record<string, string>) =>
    webhookEndpoint(adapter!, sink, '/webhook', silentLogger, noopMetrics).handle({
      method: 'GET',
      path: '/',
      query,
      headers: {},
      rawBody: Buffer.alloc(0),
    });

  it('answers Meta’s subscription handshake with the challenge, and a wrong verify token with 401', async () => {
    expect(
      await handshake({
        'hub.mode': 'subscribe',
        'hub.verify_token': VERIFY_TOKEN,
        'hub.challenge': '1158201444',
      }),
    ).to.deep.equal({ status: 200, contentType: 'text/plain; charset=utf-8', body: '1158201444' });
    const refused = await handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': 'guess',
      'hub.challenge': '1',
    });
    expect(refused.status).to.equal(401);
    expect(sink.empty).to.equal(true);
  });

  it('stores every message of a batch before answering 200, and a redelivered batch once', async () => {
    const body = accountNotification(
      T,
      textEvent({ timestamp: T }, 'm_1', 'uno'),
      textEvent({ timestamp: T + 1 }, 'm_2', 'due'),
    );
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    expect(sink.messages.map((m) => m.text)).to.deep.equal(['uno', 'due']);
  });

  it('serves a customer’s photo to TVox through its link, fetched from Meta when asked, without a token', async () => {
    const photo = Buffer.from('\x89PNG the scarf, wrong colour', 'latin1');
    const url = graph.addFile('ig_messaging_cdn/scarf.png?asset_id=17&signature=Ab', photo);
    const body = accountNotification(
      T,
      attachmentEvent({ timestamp: T }, 'm_photo', [{ type: 'image', payload: { url } }]),
    );
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    const [attachment] = sink.messages[0]?.attachments ?? [];
    expect(attachment).to.include({ name: 'scarf.png', contentType: 'image/png' });
    const link = attachment?.url ?? '';
    for (const token of Object.values(SEND_TOKENS)) expect(link).to.not.contain(token);
    expect(graph.calls.filter((c) => c.method === 'GET')).to.deep.equal([]);
    const download = await request(link);
    expect(download.statusCode).to.equal(200);
    expect(Buffer.from(await download.body.arrayBuffer()).equals(photo)).to.equal(true);
    const [fetched] = graph.calls.filter((c) => c.method === 'GET');
    expect(fetched?.headers.authorization, 'no token sent to the CDN').to.equal(undefined);
  });

  it('takes a body only with the signature of its exact bytes under the app secret (property)', () => {
    const instagram = adapter!;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (bytes, secret) => {
        const rawBody = Buffer.from(bytes);
        const request = (signature: string) => ({
          method: 'POST',
          path: '/',
          query: {},
          headers: { [HUB_SIGNATURE_HEADER]: signature },
          rawBody,
        });
        expect(() => instagram.verify(request(hubSignature(APP_SECRET, rawBody)))).to.not.throw();
        if (secret !== APP_SECRET) {
          expect(() => instagram.verify(request(hubSignature(secret, rawBody)))).to.throw(
            SignatureError,
          );
        }
        const tampered = Buffer.concat([rawBody, Buffer.from(' ')]);
        expect(() =>
          instagram.verify({ ...request(hubSignature(APP_SECRET, tampered)), rawBody }),
        ).to.throw(SignatureError);
      }),
      { numRuns: 200 },
    );
  });
});
