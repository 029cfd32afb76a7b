import { noopMetrics, type ChannelAdapter, type InboundActivity } from '@tvox-connector/core';
import { webhookRoutes } from '@tvox-connector/cli';
import { expect } from 'chai';
import Fastify from 'fastify';
import { FakeChannel } from '../../../test/support/fake-channel';

describe('webhookRoutes, on an application’s own fastify instance', () => {
  it('serves signed webhooks on the raw body beside routes that parse JSON as usual', async () => {
    const channel = new FakeChannel('shop', 'shop-token');
    const stored: InboundActivity[] = [];
    const app = Fastify();
    app.post('/orders', async (request) => ({ got: request.body }));
    await app.register(webhookRoutes, {
      sink: {
        accept: async (activities) => {
          stored.push(...activities);
        },
      },
      adapters: [channel],
      endpoints: [],
      metrics: noopMetrics,
    });
    try {
      const update = { id: 'u1', chat: 'c1', from: 'ada', text: 'hello' };
      const signed = await app.inject({
        method: 'POST',
        url: '/webhooks/shop',
        headers: { 'x-fake-token': 'shop-token', 'content-type': 'application/json' },
        payload: JSON.stringify(update),
      });
      expect(signed.statusCode).to.equal(200);
      expect(signed.json()).to.deep.equal({ accepted: 1 });
      expect(stored.map((a) => (a.kind === 'message' ? a.text : a.kind))).to.deep.equal(['hello']);

      const forged = await app.inject({
        method: 'POST',
        url: '/webhooks/shop',
        headers: { 'x-fake-token': 'wrong', 'content-type': 'application/json' },
        payload: JSON.stringify(update),
      });
      expect(forged.statusCode).to.equal(401);
      expect(forged.json()).to.have.nested.property('error.code', 'TVOX_ERR_SIGNATURE');

      const own = await app.inject({ method: 'POST', url: '/orders', payload: { n: 1 } });
      expect(own.json(), 'the application’s own routes still parse JSON').to.deep.equal({
        got: { n: 1 },
      });
      expect(stored).to.have.length(1);
    } finally {
      await app.close();
    }
  });

  it('hands the adapter the path below its webhook, under whatever prefix it is registered', async () => {
    const channel = new FakeChannel('shop', 'shop-token');
    const paths: string[] = [];
    const recording: ChannelAdapter = {
      channel: channel.channel,
      network: channel.network,
      capabilities: channel.capabilities,
      verify: (request) => {
        channel.verify(request);
      },
      parse: (request) => {
        paths.push(request.path);
        return channel.parse(request);
      },
      send: (activity) => channel.send(activity),
    };
    const app = Fastify();
    await app.register(webhookRoutes, {
      prefix: '/hooks',
      sink: { accept: async () => undefined },
      adapters: [recording],
      endpoints: [],
      metrics: noopMetrics,
    });
    try {
      for (const url of ['/hooks/webhooks/shop', '/hooks/webhooks/shop/events/42']) {
        const answer = await app.inject({
          method: 'POST',
          url: `${url}?x=1`,
          headers: { 'x-fake-token': 'shop-token', 'content-type': 'application/json' },
          payload: JSON.stringify({ id: url, chat: 'c1', from: 'ada', text: 'hi' }),
        });
        expect(answer.statusCode, url).to.equal(200);
      }
      expect(paths).to.deep.equal(['/', '/events/42']);
    } finally {
      await app.close();
    }
  });

  it('refuses a webhook body of another content type with 415 in errorReply’s shape, unread', async () => {
    const stored: InboundActivity[] = [];
    const app = Fastify();
    await app.register(webhookRoutes, {
      sink: {
        accept: async (activities) => {
          stored.push(...activities);
        },
      },
      adapters: [new FakeChannel('shop', 'shop-token')],
      endpoints: [],
      metrics: noopMetrics,
    });
    try {
      const update = JSON.stringify({ id: 'u1', chat: 'c1', from: 'ada', text: 'hello' });
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
        const answer = await app.inject({
          method: 'POST',
          url: '/webhooks/shop',
          headers: {
            'x-fake-token': 'shop-token',
            ...(contentType === undefined ? {} : { 'content-type': contentType }),
          },
          payload: update,
        });
        expect(answer.statusCode, String(contentType)).to.equal(415);
        expect(answer.headers.connection, 'the unread body ends the connection').to.equal('close');
        expect(answer.json()).to.have.nested.property(
          'error.code',
          'TVOX_ERR_UNSUPPORTED_CONTENT_TYPE',
        );
        expect(answer.json())
          .to.have.nested.property('error.message')
          .that.contains('application/json');
      }
      const json = await app.inject({
        method: 'POST',
        url: '/webhooks/shop',
        headers: {
          'x-fake-token': 'shop-token',
          'content-type': 'application/json; charset=utf-8',
        },
        payload: update,
      });
      expect(json.statusCode).to.equal(200);
      expect(stored).to.have.length(1);
    } finally {
      await app.close();
    }
  });
});
