import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  ChannelContribution,
  parseConnectorConfig,
  type AdapterPackage,
  type ConnectorConfig,
} from '@tvox-connector/core';
import { createLogger, startConnector, type RunningConnector } from '@tvox-connector/cli';
import { ContainerModule } from 'inversify';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually, freePort } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import { FakeChannel } from '../../../test/support/fake-channel';

const WEBHOOK_SECRET = 'webhook-secret-value';

/** Log lines written by the connector, parsed. */
class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

describe('connector assembled from config (server, health, metrics, logs)', function () {
  this.timeout(30_000);
  let folder: string;
  let simulator: RunningSimulator;
  let connector: RunningConnector | undefined;
  let channel: FakeChannel;
  let logs: LogCapture;
  const fake: AdapterPackage = {
    network: 'fake',
    parseSettings: () => ({}),
    module: () =>
      new ContainerModule(({ bind }) => {
        bind(ChannelContribution).toDynamicValue(() => ({ adapter: channel }));
      }),
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-cli-'));
    channel = new FakeChannel('web', WEBHOOK_SECRET);
    logs = new LogCapture();
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: 'a1', name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
  });

  afterEach(async () => {
    await connector?.stop();
    connector = undefined;
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  function config(overrides: Record<string, unknown> = {}): ConnectorConfig {
    return parseConnectorConfig({
      connectorCode: 'CONN',
      transport: 'rest',
      tvox: { url: simulator.url, auth: { kind: 'basic', password: 'conn-password' } },
      events: { mode: 'poll', intervalMs: 50 },
      channels: [{ id: 'web', adapter: 'fake', serviceCode: 'SUPPORT' }],
      store: { kind: 'sqlite', path: join(folder, 'db.sqlite') },
      server: { port: 0 },
      relay: { initialDelayMs: 20, maxDelayMs: 200 },
      log: { level: 'debug' },
      ...overrides,
    });
  }

  async function start(overrides: Record<string, unknown> = {}): Promise<RunningConnector> {
    connector = await startConnector(config(overrides), {
      logger: createLogger({ level: 'debug', destination: logs }),
      adapters: { fake },
    });
    return connector;
  }

  const webhook = (url: string, token: string, body: unknown) =>
    request(`${url}/webhooks/web`, {
      method: 'POST',
      headers: { 'x-fake-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('serves webhooks, /healthz, /readyz and /metrics', async () => {
    const { publicUrl } = await start();
    expect((await request(`${publicUrl}/healthz`)).statusCode).to.equal(200);
    await eventually(async () => (await request(`${publicUrl}/readyz`)).statusCode === 200);
    const ready = (await (await request(`${publicUrl}/readyz`)).body.json()) as {
      checks: { name: string; ok: boolean }[];
    };
    expect(ready.checks.map((c) => [c.name, c.ok])).to.deep.equal([
      ['store', true],
      ['tvox', true],
      ['adapters', true],
    ]);

    const refused = await webhook(publicUrl, 'wrong', {
      id: '1',
      chat: 'c1',
      from: 'u',
      text: 'hi',
    });
    expect(refused.statusCode).to.equal(401);
    const accepted = await webhook(publicUrl, WEBHOOK_SECRET, {
      id: '1',
      chat: 'c1',
      from: 'u',
      text: 'hi',
    });
    expect(accepted.statusCode).to.equal(200);
    await eventually(
      async () => (await simulator.client.sessions({ connector: 'CONN' })).length === 1,
    );

    const metrics = await (await request(`${publicUrl}/metrics`)).body.text();
    expect(metrics).to.include('tvox_messages_accepted_total{channel="web",direction="inbound"} 1');
    expect(metrics).to.include('tvox_webhook_rejections_total{channel="web",reason="signature"} 1');
    expect(metrics, 'Node’s own metrics under their standard names').to.match(
      /^process_cpu_user_seconds_total /m,
    );
    expect(metrics).to.match(/^nodejs_eventloop_lag_seconds /m);
    expect(metrics).to.match(
      /tvox_transport_call_seconds_count\{transport="rest",command="openSession",outcome="ok"\} 1/,
    );
    expect(metrics).to.match(/tvox_outbox_depth\{direction="inbound"\} \d/);
    await eventually(async () =>
      (await (await request(`${publicUrl}/metrics`)).body.text()).includes(
        'tvox_sessions{status="QUEUED"} 1',
      ),
    );
  });

  it('stays ready while TVox cannot be reached, saying so in the body and in tvox_up', async () => {
    const url = simulator.url;
    await simulator.stop();
    const { publicUrl } = await start({
      tvox: { url, auth: { kind: 'basic', password: 'conn-password' } },
    });
    const tvoxLine = async (): Promise<{ status: number; ok?: boolean; advisory?: boolean }> => {
      const answer = await request(`${publicUrl}/readyz`);
      const body = (await answer.body.json()) as {
        checks: { name: string; ok: boolean; advisory?: boolean }[];
      };
      const line = body.checks.find((c) => c.name === 'tvox');
      return { status: answer.statusCode, ok: line?.ok, advisory: line?.advisory };
    };
    const tvoxUp = async (): Promise<string | undefined> =>
      /^tvox_up (\d)$/m.exec(await (await request(`${publicUrl}/metrics`)).body.text())?.[1];
    expect(await tvoxLine(), 'the instance still accepts durably').to.deep.equal({
      status: 200,
      ok: false,
      advisory: true,
    });
    expect(await tvoxUp()).to.equal('0');
    expect(
      (await webhook(publicUrl, WEBHOOK_SECRET, { id: '9', chat: 'c9', from: 'u', text: 'kept' }))
        .statusCode,
      'messages are still accepted',
    ).to.equal(200);
    simulator = await startSimulator({
      port: Number(new URL(url).port),
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    await eventually(async () => (await tvoxLine()).ok === true, 15_000);
    expect(await tvoxUp()).to.equal('1');
  });

  it('mounts the TVox push callback and takes events through it', async () => {
    const port = await freePort();
    await start({
      events: {
        mode: 'push',
        auth: { kind: 'basic', username: 'tvox', password: 'callback-password' },
      },
      server: { port, publicUrl: `http://127.0.0.1:${port}` },
    });
    const publicUrl = connector?.publicUrl ?? '';
    await simulator.client.putConnector('CONN', {
      password: 'conn-password',
      events: {
        mode: 'push',
        url: `${publicUrl}/tvox`,
        technology: 'rest',
        batchSize: 100,
        auth: { kind: 'basic', username: 'tvox', password: 'callback-password' },
      },
    });
    await webhook(publicUrl, WEBHOOK_SECRET, { id: '1', chat: 'c1', from: 'u', text: 'hi' });
    await eventually(() => channel.sent.length > 0, 10_000);
    const unsigned = await request(`${publicUrl}/tvox/events`, { method: 'POST', body: '{}' });
    expect(unsigned.statusCode).to.equal(401);
    await unsigned.body.dump();
    const authorization = `Basic ${Buffer.from('tvox:callback-password').toString('base64')}`;
    const form = await request(`${publicUrl}/tvox/events`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'connectorCode=CONN',
    });
    expect(form.statusCode, 'the REST callback takes JSON only').to.equal(415);
    expect(await form.body.json()).to.include({ result: 'FAILED', errorCode: 'INVALID_REQUEST' });
  });

  it('keeps events flowing past a push too large for the callback: caught up by polling', async () => {
    const port = await freePort();
    const callbackAuth = {
      kind: 'basic',
      username: 'tvox',
      password: 'callback-password',
    } as const;
    await start({
      events: { mode: 'push', auth: callbackAuth },
      server: { port, publicUrl: `http://127.0.0.1:${port}`, callbackBodyLimitBytes: 4096 },
    });
    const publicUrl = connector?.publicUrl ?? '';
    await simulator.client.putConnector('CONN', {
      password: 'conn-password',
      events: {
        mode: 'push',
        url: `${publicUrl}/tvox`,
        technology: 'rest',
        batchSize: 100,
        auth: callbackAuth,
      },
    });
    const queuedNotice = 'in the queue';
    await simulator.client.login('a1');
    await webhook(publicUrl, WEBHOOK_SECRET, { id: '1', chat: 'c1', from: 'u1', text: 'hi' });
    await eventually(() => channel.textsTo('c1').some((t) => t.includes(queuedNotice)), 10_000);
    const [session] = await simulator.client.sessions({ connector: 'CONN' });
    if (session === undefined) return expect.fail('a session was opened');
    await eventually(
      async () =>
        (await simulator.client.sessions({ connector: 'CONN', status: 'BOOKED' })).length === 1,
      10_000,
    );
    await simulator.client.accept('a1', session.sessionId);
    const long = Array.from({ length: 60 }, (_, i) => `line ${i} of a long answer.`.padEnd(100));
    await simulator.client.reply('a1', session.sessionId, { text: long.join('\n') });

    // A new customer after the oversize push: the queued notice reaches them, and the long
    // answer reaches the first customer, fetched by polling.
    await webhook(publicUrl, WEBHOOK_SECRET, { id: '2', chat: 'c2', from: 'u2', text: 'hello' });
    await eventually(() => channel.textsTo('c2').some((t) => t.includes(queuedNotice)), 15_000);
    await eventually(() => channel.textsTo('c1').join('').includes('line 59 of'), 15_000);
    const metrics = await (await request(`${publicUrl}/metrics`)).body.text();
    expect(metrics).to.match(/tvox_push_oversize_total\{outcome="caught-up"\} [1-9]/);
    expect(logs.lines.some((l) => String(l.msg).includes('fetched by polling'))).to.equal(true);
  });

  it('logs JSON lines with correlation ids and never a secret', async () => {
    const { publicUrl } = await start();
    await webhook(publicUrl, 'wrong', { id: '1', chat: 'c1', from: 'u', text: 'hi' });
    await webhook(publicUrl, WEBHOOK_SECRET, { id: '2', chat: 'c1', from: 'u', text: 'hi' });
    await eventually(
      async () => (await simulator.client.sessions({ connector: 'CONN' })).length === 1,
    );
    await connector?.stop();
    connector = undefined;
    const text = JSON.stringify(logs.lines);
    expect(text).to.not.include('conn-password');
    expect(text).to.not.include(WEBHOOK_SECRET);
    const refused = logs.lines.find((l) => l.msg === 'inbound refused');
    expect(refused, 'the refusal is logged with the request id').to.have.property('reqId');
    expect(
      logs.lines.some((l) => typeof l.jobId === 'string' && typeof l.messageId === 'string'),
    ).to.equal(true);
  });
});
