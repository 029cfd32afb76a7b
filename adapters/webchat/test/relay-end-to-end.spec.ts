/**
 * The web chat with the real relay, the SQLite store, the REST transport and the TVox simulator:
 * what a visitor writes reaches the agent, the agent's name, messages and the close notice reach
 * the visitor, reads reach the ledger, and a widget that was away is sent what it missed from the
 * ledger, in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { NoticesConfig, Relay, RelayConfig, type ChannelConfig } from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { eventually } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createWebchatChannel, type MessageFrame } from '@tvox-connector/adapter-webchat';
import { SECRET } from './support/webchat-harness.js';
import { VisitorSocket, frames, identify } from './support/visitor-client.js';

const AGENT = { code: 'a1', name: 'Giulia Bianchi' };

describe('web chat through the relay to the TVox simulator', function () {
  this.timeout(20_000);

  let simulator: RunningSimulator;
  let relay: Relay;
  let server: FastifyInstance;
  let base: string;
  let folder: string;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'webchat-e2e-'));
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [AGENT],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    const channel: ChannelConfig = {
      id: 'webchat',
      adapter: 'webchat',
      serviceCode: 'SUPPORT',
      entryPoints: {},
      settings: { secret: SECRET, attachments: { directory: join(folder, 'files') } },
    };
    server = Fastify();
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    await server.close();
    const webchat = createWebchatChannel({
      channel,
      publicUrl: `http://127.0.0.1:${port}`,
      ledger: { messages: (query) => relay.messages(query) },
    });
    relay = new Relay(
      {
        channels: [channel],
        relay: RelayConfig.parse({ initialDelayMs: 20, maxDelayMs: 200, workers: 2 }),
        notices: NoticesConfig.parse({}),
        idleMs: 20,
      },
      {
        store: createSqliteStore({ path: join(folder, 'relay.db') }),
        transport: createRestTransport({
          connectorCode: 'CONN',
          tvox: {
            url: simulator.url,
            auth: { kind: 'basic', password: 'conn-password' },
            timeoutMs: 2_000,
            connectTimeoutMs: 1_000,
            maxConnections: 4,
          },
          events: { mode: 'poll', intervalMs: 20, max: 100 },
        }),
        adapters: [webchat.adapter],
      },
    );
    server = Fastify();
    await server.register(webchat.routes, { prefix: '/channels/webchat' });
    await server.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}/channels/webchat`;
    await relay.start();
  });

  afterEach(async () => {
    await relay.stop();
    await server.close();
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function connect(token: string, after?: string): Promise<VisitorSocket> {
    const socket = await VisitorSocket.open(
      `${base.replace('http', 'ws')}/ws`,
      after === undefined ? { token } : { token, after },
    );
    await socket.ready();
    return socket;
  }

  const systemText =
    (text: RegExp) =>
    (f: { type: string }): f is MessageFrame =>
      f.type === 'message' &&
      (f as MessageFrame).origin === 'system' &&
      text.test((f as MessageFrame).text ?? '');

  it('carries a whole conversation both ways, and resumes a widget that was away', async () => {
    const { token, visitorId } = (await identify(base)).body;
    const socket = await connect(token);
    socket.send({ type: 'message', clientId: 'c-1', text: 'Hello, my lamp arrived broken.' });
    await socket.next(frames.ack('c-1'));

    let sessionId = '';
    await eventually(async () => {
      const [session] = await simulator.client.sessions({ connector: 'CONN' });
      sessionId = session?.sessionId ?? '';
      return session?.transcript.some((t) => t.text === 'Hello, my lamp arrived broken.') ?? false;
    });
    await simulator.client.login(AGENT.code);
    await simulator.client.accept(AGENT.code, sessionId);
    await socket.next(systemText(/Giulia Bianchi/));

    await simulator.client.typing(AGENT.code, sessionId);
    await socket.next(frames.typing);
    await simulator.client.reply(AGENT.code, sessionId, { text: 'Sorry! A new one ships today.' });
    const reply = await socket.next(
      (f): f is MessageFrame => f.type === 'message' && f.origin === 'agent',
    );
    expect(reply).to.deep.include({
      agentName: 'Giulia Bianchi',
      text: 'Sorry! A new one ships today.',
    });

    socket.send({ type: 'receipt', status: 'read', ids: [reply.id] });
    await eventually(async () => {
      const [record] = await relay.messages({
        conversation: { channel: 'webchat', id: visitorId },
        direction: 'outbound',
        limit: 1,
      });
      return record?.state === 'read';
    });

    // The visitor goes away; the agent writes and closes meanwhile.
    await socket.close();
    await simulator.client.reply(AGENT.code, sessionId, { text: 'Tracking: LL-1042.' });
    await simulator.client.closeSession(AGENT.code, sessionId, 'solved');
    await eventually(async () => {
      const records = await relay.messages({
        conversation: { channel: 'webchat', id: visitorId },
        direction: 'outbound',
      });
      const closed = records.some((r) => /closed|ended/i.test(JSON.stringify(r.payload)));
      return closed && records.every((r) => r.state !== 'accepted');
    });

    const back = await connect(token, reply.id);
    // Each message once, by id, as the widget shows them: one both replayed and pushed live (its
    // delivery ran as the widget came back) is one message.
    const byId = new Map<string, MessageFrame>();
    for (const f of back.frames) if (f.type === 'message' && !byId.has(f.id)) byId.set(f.id, f);
    const replayed = [...byId.values()];
    expect(replayed.map((f) => f.id)[0]).to.equal(reply.id);
    expect(replayed.slice(1).map((f) => f.origin)).to.deep.equal(['agent', 'system']);
    expect(replayed[1]?.text).to.equal('Tracking: LL-1042.');
    expect(replayed[2]?.text).to.match(/closed|ended/i);

    // Writing after the close opens a new session.
    back.send({ type: 'message', clientId: 'c-2', text: 'One more question.' });
    await back.next(frames.ack('c-2'));
    await eventually(
      async () => (await simulator.client.sessions({ connector: 'CONN' })).length === 2,
    );
    await back.close();
  });
});
