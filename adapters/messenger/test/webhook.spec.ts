import { noopMetrics, silentLogger, webhookEndpoint } from '@tvox-connector/core';
import { createMessengerAdapter, type MessengerAdapter } from '@tvox-connector/adapter-messenger';
import { RecordingSink, serveAdapter, type ServedAdapter } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import { FakeGraphApi } from './support/fake-graph-api';
import {
  PAGE_TOKENS,
  VERIFY_TOKEN,
  attachmentEvent,
  messengerSettings,
  pageNotification,
  textEvent,
} from './support/messenger-fixtures';

const T = 1_767_225_600_000;

describe('the Messenger webhook as the connector serves it', () => {
  let graph: FakeGraphApi;
  let server: ServedAdapter;
  let sink: RecordingSink;
  let adapter: MessengerAdapter | undefined;

  beforeEach(async () => {
    graph = await FakeGraphApi.start(PAGE_TOKENS);
    sink = new RecordingSink();
    server = await serveAdapter(() => adapter, sink);
    adapter = createMessengerAdapter({
      id: 'messenger',
      settings: messengerSettings(graph.apiRoot, server.webhookUrl),
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
    expect(refused.body).to.not.contain('1158201444');
    expect(sink.empty).to.equal(true);
  });

  it('stores every message of a batch before answering 200, and a redelivered batch once', async () => {
    const body = pageNotification(
      T,
      textEvent({ timestamp: T }, 'm_1', 'uno'),
      textEvent({ timestamp: T + 1 }, 'm_2', 'due'),
      textEvent({ timestamp: T + 2 }, 'm_3', 'tre'),
    );
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    expect(sink.messages.map((m) => m.text)).to.deep.equal(['uno', 'due', 'tre']);
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    expect(sink.messages.map((m) => m.text)).to.deep.equal(['uno', 'due', 'tre']);
  });

  it('answers 5xx, so that Meta delivers again, when the batch cannot be stored; nothing of it is kept', async () => {
    const failing = {
      accept(): Promise<void> {
        return Promise.reject(new Error('disk full'));
      },
    };
    const refusing = await serveAdapter(() => adapter, failing);
    try {
      const body = pageNotification(T, textEvent({ timestamp: T }, 'm_1', 'uno'));
      expect(await graph.deliver(refusing.webhookUrl, body)).to.be.within(500, 599);
    } finally {
      await refusing.close();
    }
  });

  it('serves a customer’s photo to TVox through its link, fetched from Meta when asked', async () => {
    const photo = Buffer.from('\xff\xd8\xff\xe0 the parcel, broken', 'latin1');
    const url = graph.addFile('v/t1.15752-9/parcel.jpg?stp=dst-jpg&oh=00_AY&oe=67A1B2C3', photo);
    const body = pageNotification(
      T,
      attachmentEvent({ timestamp: T }, 'm_photo', [{ type: 'image', payload: { url } }]),
    );
    expect(await graph.deliver(server.webhookUrl, body)).to.equal(200);
    const [attachment] = sink.messages[0]?.attachments ?? [];
    expect(attachment).to.include({ name: 'parcel.jpg', contentType: 'image/jpeg' });
    const link = attachment?.url ?? '';
    expect(link.startsWith(`${server.webhookUrl}/media?token=`)).to.equal(true);
    for (const token of Object.values(PAGE_TOKENS)) expect(link).to.not.contain(token);
    expect(
      graph.calls.filter((c) => c.method === 'GET'),
      'nothing fetched before TVox asks',
    ).to.deep.equal([]);
    const download = await request(link);
    expect(download.statusCode).to.equal(200);
    expect(download.headers['content-type']).to.equal('image/jpeg');
    expect(Buffer.from(await download.body.arrayBuffer()).equals(photo)).to.equal(true);
    const [fetched] = graph.calls.filter((c) => c.method === 'GET');
    expect(fetched?.headers.authorization, 'no token sent to the CDN').to.equal(undefined);
  });
});
