import { connect, type Socket } from 'node:net';
import {
  ServerConfig,
  type HttpEndpoint,
  type InboundActivity,
  type Relay,
} from '@tvox-connector/core';
import { createLogger, createConnectorServer, PrometheusMetrics } from '@tvox-connector/cli';
import { createTelegramAdapter } from '@tvox-connector/adapter-telegram';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { request } from 'undici';
import {
  SECRET_TOKEN,
  webhookSettings,
} from '../../../adapters/telegram/test/support/telegram-fixtures';

/** A raw client connection, to send a request as slowly as an attacker would. */
class RawClient {
  received = '';
  closed = false;
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.received += chunk;
    });
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.closed = true;
    });
  }

  send(text: string): void {
    if (!this.closed) this.socket.write(text);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The head of a POST whose body is `length` bytes, without the body. */
function postHead(path: string, length: number, headers: Record<string, string> = {}): string {
  const lines = Object.entries({
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(length),
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

describe('connector server: time-outs, connection caps, per-route limits, client addresses', function () {
  this.timeout(20_000);
  const accepted: InboundActivity[] = [];
  // The server reads only these of the relay: its sink, readiness and the outbox's figures.
  const relay = {
    accept: async (activities: readonly InboundActivity[]) => {
      accepted.push(...activities);
    },
    readiness: async () => [],
    stats: async () => ({ outbox: [], sessions: [] }),
  } as unknown as Relay;
  const oversized: number[] = [];
  const callback: HttpEndpoint = {
    method: 'POST',
    path: '/tvox/events',
    handle: async (request) => ({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ read: request.rawBody.length }),
    }),
    oversize: async (_request, limitBytes) => {
      oversized.push(limitBytes);
      return { status: 413, contentType: 'application/json', body: '{"result":"FAILED"}' };
    },
  };
  const ping: FastifyPluginAsync = async (app) => {
    app.get('/ping', async (request) => ({ ip: request.ip }));
  };
  let app: FastifyInstance | undefined;
  const clients: RawClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await app?.close();
    app = undefined;
    accepted.length = 0;
    oversized.length = 0;
  });

  async function serve(server: Record<string, unknown>): Promise<number> {
    const adapter = createTelegramAdapter({
      id: 'telegram',
      settings: webhookSettings('http://127.0.0.1:9', 'http://127.0.0.1:9'),
    });
    const logger = createLogger({ level: 'silent' });
    app = await createConnectorServer({
      config: ServerConfig.parse({ port: 0, ...server }),
      relay,
      adapters: [adapter],
      endpoints: [callback],
      channelRoutes: [{ prefix: '/channels/webchat', plugin: ping }],
      metrics: new PrometheusMetrics(),
      logger,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  const client = (port: number): RawClient => {
    const opened = new RawClient(port);
    clients.push(opened);
    return opened;
  };

  it('cuts every connection that trickles its body past server.requestTimeoutMs', async () => {
    const port = await serve({ requestTimeoutMs: 600, headersTimeoutMs: 300 });
    const slow = Array.from({ length: 40 }, () => client(port));
    for (const each of slow) {
      each.send(
        postHead('/webhooks/telegram', 10_000, { 'x-telegram-bot-api-secret-token': SECRET_TOKEN }),
      );
    }
    const trickle = setInterval(() => {
      for (const each of slow) each.send(' ');
    }, 50);
    try {
      await eventually(() => slow.every((each) => each.closed), 8_000);
    } finally {
      clearInterval(trickle);
    }
    for (const each of slow) expect(each.received).to.match(/^HTTP\/1\.1 408 /);
    expect(accepted).to.deep.equal([]);
  });

  it('refuses a slow body to /webhooks/telegram without the secret header before it completes', async () => {
    const port = await serve({});
    const loris = client(port);
    loris.send(postHead('/webhooks/telegram', 1_000_000));
    loris.send('{"update_id": 1,');
    await eventually(() => loris.closed, 5_000);
    expect(loris.received).to.match(/^HTTP\/1\.1 401 /);
    expect(loris.received).to.contain('TVOX_ERR_SIGNATURE');
    const wrong = client(port);
    wrong.send(
      postHead('/webhooks/telegram', 1_000_000, { 'x-telegram-bot-api-secret-token': 'nope' }),
    );
    await eventually(() => wrong.closed, 5_000);
    expect(wrong.received).to.match(/^HTTP\/1\.1 401 /);
  });

  it('closes connections beyond server.maxConnections, and serves the others', async () => {
    const port = await serve({ maxConnections: 4, headersTimeoutMs: 10_000 });
    const idle = Array.from({ length: 7 }, () => client(port));
    await eventually(() => idle.filter((each) => each.closed).length >= 3, 5_000);
    const open = idle.filter((each) => !each.closed);
    expect(open).to.have.length(4);
    open[0]?.send('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    await eventually(() => open[0]?.received.includes('"status":"ok"') === true, 5_000);
  });

  it('reads a body up to each route’s own limit: the callback’s above the webhooks’', async () => {
    const port = await serve({ bodyLimitBytes: 1024, callbackBodyLimitBytes: 8192 });
    const post = (path: string, bytes: number, headers: Record<string, string> = {}) =>
      request(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ pad: 'x'.repeat(bytes) }),
      });
    const push = await post('/tvox/events', 4096);
    expect(push.statusCode, 'a push above the webhooks’ limit is read').to.equal(200);
    expect(await push.body.json())
      .to.have.property('read')
      .above(4096);
    const webhook = await post('/webhooks/telegram', 4096, {
      'x-telegram-bot-api-secret-token': SECRET_TOKEN,
    });
    expect(webhook.statusCode).to.equal(413);
    expect(await webhook.body.json()).to.have.nested.property(
      'error.code',
      'TVOX_ERR_PAYLOAD_TOO_LARGE',
    );
    const huge = await post('/tvox/events', 20_000);
    expect(huge.statusCode).to.equal(413);
    expect(await huge.body.json()).to.deep.equal({ result: 'FAILED' });
    expect(oversized, 'the callback words its own answer beyond its limit').to.deep.equal([8192]);
  });

  it('limits the channels’ own routes per client address, read through server.trustProxy', async () => {
    const port = await serve({
      trustProxy: ['127.0.0.1'],
      visitorRateLimit: { max: 2, timeWindowMs: 60_000 },
    });
    const ping = (forwardedFor: string) =>
      request(`http://127.0.0.1:${port}/channels/webchat/ping`, {
        headers: { 'x-forwarded-for': forwardedFor },
      });
    const first = await ping('203.0.113.7');
    expect(await first.body.json()).to.deep.equal({ ip: '203.0.113.7' });
    expect((await ping('203.0.113.7')).statusCode).to.equal(200);
    const third = await ping('203.0.113.7');
    expect(third.statusCode, 'the same visitor, over the limit').to.equal(429);
    expect(third.headers['retry-after']).to.match(/^\d+$/);
    expect(await third.body.text()).to.contain('TVOX_ERR_RATE_LIMITED');
    expect((await ping('198.51.100.9')).statusCode, 'another visitor').to.equal(200);
    for (let i = 0; i < 4; i += 1) {
      const health = await request(`http://127.0.0.1:${port}/healthz`, {
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(health.statusCode, 'other routes are not limited').to.equal(200);
      await health.body.dump();
    }
  });

  it('believes no X-Forwarded-For by default', async () => {
    const port = await serve({ visitorRateLimit: { max: 1, timeWindowMs: 60_000 } });
    const answer = await request(`http://127.0.0.1:${port}/channels/webchat/ping`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(await answer.body.json()).to.deep.equal({ ip: '127.0.0.1' });
    const again = await request(`http://127.0.0.1:${port}/channels/webchat/ping`, {
      headers: { 'x-forwarded-for': '198.51.100.9' },
    });
    expect(again.statusCode, 'every visitor is the proxy').to.equal(429);
    await again.body.dump();
  });
});
