/**
 * The web chat channel on a real fastify server, driven through its WebSocket and HTTP routes as
 * the widget drives them, with an in-memory sink and ledger in place of core's relay.
 */
import { expect } from 'chai';
import Fastify from 'fastify';
import { ConfigError } from '@tvox-connector/core';
import { eventually } from '@tvox-connector/testkit';
import { createWebchatChannel } from '@tvox-connector/adapter-webchat';
import { CHANNEL, startChannel, type RunningChannel } from './support/webchat-harness.js';
import { VisitorSocket, frames, identify } from './support/visitor-client.js';

describe('web chat channel (server)', () => {
  let running: RunningChannel;
  const sockets: VisitorSocket[] = [];

  async function connect(token: string, after?: string): Promise<VisitorSocket> {
    const socket = await VisitorSocket.open(
      `${running.base.replace('http', 'ws')}/ws`,
      after === undefined ? { token } : { token, after },
    );
    sockets.push(socket);
    await socket.ready();
    return socket;
  }

  async function visitor(): Promise<{ token: string; visitorId: string }> {
    const { status, body } = await identify(running.base);
    expect(status).to.equal(200);
    return body;
  }

  beforeEach(async () => {
    running = await startChannel();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) await socket.close();
    await running.stop();
  });

  it('declares what the widget renders', () => {
    expect(running.channel.adapter.network).to.equal('webchat');
    expect(running.channel.adapter.channel).to.equal(CHANNEL);
    expect(running.channel.adapter.capabilities).to.deep.include({
      maxTextLength: 4000,
      typing: true,
      readReceipts: true,
    });
    expect(running.channel.adapter.capabilities.attachments?.maxBytes).to.equal(10 * 1024 * 1024);
    expect(running.channel.paths).to.deep.equal({ demo: '/demo', widget: '/widget.js' });
  });

  it('acknowledges a message only once the sink has stored it', async () => {
    const { token, visitorId } = await visitor();
    const socket = await connect(token);
    let release!: () => void;
    running.core.gate = new Promise((resolve) => (release = resolve));

    socket.send({ type: 'message', clientId: 'c-1', text: 'Hello, where is my order?' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.frames.filter((f) => f.type === 'ack')).to.deep.equal([]);
    release();
    await socket.next(frames.ack('c-1'));

    const [stored] = running.core.inbound(visitorId);
    expect(stored).to.deep.include({
      kind: 'message',
      networkMessageId: 'c-1',
      conversation: { channel: CHANNEL, id: visitorId },
      text: 'Hello, where is my order?',
    });
    expect(stored?.sender.id).to.equal(visitorId);
  });

  it('stores a message sent again after a lost ack once, and acknowledges it again', async () => {
    const { token, visitorId } = await visitor();
    const first = await connect(token);
    first.send({ type: 'message', clientId: 'c-1', text: 'once' });
    await first.next(frames.ack('c-1'));
    await first.close();

    const second = await connect(token);
    second.send({ type: 'message', clientId: 'c-1', text: 'once' });
    await second.next(frames.ack('c-1'));
    expect(running.core.inbound(visitorId).map((m) => m.text)).to.deep.equal(['once']);
  });

  it('answers an error frame, not an ack, when the relay cannot store (retryable)', async () => {
    const { token } = await visitor();
    const socket = await connect(token);
    running.core.unavailable = true;
    socket.send({ type: 'message', clientId: 'c-9', text: 'later' });
    const error = await socket.next(frames.error);
    expect(error).to.deep.include({
      clientId: 'c-9',
      code: 'TVOX_ERR_UNAVAILABLE',
      retryable: true,
    });
    expect(socket.frames.some((f) => f.type === 'ack')).to.equal(false);
  });

  it('refuses a malformed frame with a permanent error naming the field', async () => {
    const { token } = await visitor();
    const socket = await connect(token);
    socket.send({ type: 'message', clientId: 'c-2', text: 'x'.repeat(4001) });
    const error = await socket.next(frames.error);
    expect(error).to.deep.include({
      clientId: 'c-2',
      code: 'TVOX_ERR_INVALID_INPUT',
      retryable: false,
    });
    expect(error.message).to.contain('text');
    expect(running.core.inbound()).to.deep.equal([]);
  });

  it('closes a socket whose hello carries a forged token', async () => {
    const { token } = await visitor();
    const forged = `${token.slice(0, -2)}xx`;
    const socket = await VisitorSocket.open(`${running.base.replace('http', 'ws')}/ws`, {
      token: forged,
    });
    await eventually(() => socket.closed !== undefined);
    expect(socket.closed?.code).to.equal(4401);
  });

  it('pushes agent messages and typing to every open socket of the visitor', async () => {
    const { token, visitorId } = await visitor();
    const tabs = [await connect(token), await connect(token)];
    await running.channel.adapter.send({
      kind: 'typing',
      conversation: { channel: CHANNEL, id: visitorId },
      agent: { code: '1001', name: 'Giulia' },
    });
    const id = await running.say(visitorId, {
      text: 'Hi, I am looking into it.',
      agent: { code: '1001', name: 'Giulia' },
      quickReplies: [{ title: 'Thanks' }],
    });
    for (const tab of tabs) {
      expect(await tab.next(frames.typing)).to.deep.equal({ type: 'typing', agentName: 'Giulia' });
      const message = await tab.next(frames.message(id));
      expect(message).to.deep.include({
        origin: 'agent',
        agentName: 'Giulia',
        text: 'Hi, I am looking into it.',
      });
      expect(message.quickReplies).to.deep.equal([{ title: 'Thanks' }]);
      expect(JSON.stringify(message)).not.to.contain('1001');
    }
  });

  it('succeeds sending with no socket open, and replays it from the ledger on connect', async () => {
    const { token, visitorId } = await visitor();
    const receipt = await running.channel.adapter.send({
      kind: 'message',
      messageId: 'out:s-1:a',
      conversation: { channel: CHANNEL, id: visitorId },
      origin: 'system',
      text: 'The conversation was closed.',
      attachments: [],
      quickReplies: [],
    });
    expect(receipt).to.deep.equal({ networkMessageIds: ['out:s-1:a'] });
    running.core.recordOutbound({
      kind: 'message',
      messageId: 'out:s-1:a',
      conversation: { channel: CHANNEL, id: visitorId },
      origin: 'system',
      text: 'The conversation was closed.',
      attachments: [],
      quickReplies: [],
    });
    const socket = await connect(token);
    expect(await socket.next(frames.message('out:s-1:a'))).to.deep.include({ origin: 'system' });
  });

  it('replays both directions on connect, and only what follows the last shown on resume', async () => {
    const { token, visitorId } = await visitor();
    const socket = await connect(token);
    socket.send({ type: 'message', clientId: 'c-1', text: 'first' });
    await socket.next(frames.ack('c-1'));
    const a = await running.say(visitorId, { text: 'answer one' });
    await socket.next(frames.message(a));
    await socket.close();

    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await running.say(visitorId, { text: 'answer two' });
    const fresh = await connect(token);
    expect(fresh.messageIds()).to.deep.equal(['c-1', a, b]);

    const resumed = await connect(token, a);
    expect(resumed.messageIds()).to.deep.equal([a, b]);
  });

  it('hands the visitor’s typing to the sink, which core does not relay', async () => {
    const { token, visitorId } = await visitor();
    const socket = await connect(token);
    socket.send({ type: 'typing' });
    await eventually(() => running.core.typing.length === 1);
    expect(running.core.typing[0]).to.deep.include({
      kind: 'typing',
      conversation: { channel: CHANNEL, id: visitorId },
    });
    expect(socket.frames.filter((f) => f.type !== 'ready')).to.deep.equal([]);
  });

  it('turns read reports into receipts for the ledger', async () => {
    const { token, visitorId } = await visitor();
    const socket = await connect(token);
    const id = await running.say(visitorId, { text: 'Your parcel left today.' });
    await socket.next(frames.message(id));
    socket.send({ type: 'receipt', status: 'read', ids: [id] });
    await eventually(() => running.core.state(id) === 'read');
  });

  it('shows a message to the visitor’s other tabs once it is stored', async () => {
    const { token } = await visitor();
    const writer = await connect(token);
    const other = await connect(token);
    writer.send({ type: 'message', clientId: 'c-5', text: 'from tab one' });
    await writer.next(frames.ack('c-5'));
    expect(await other.next(frames.message('c-5'))).to.deep.include({
      origin: 'visitor',
      text: 'from tab one',
    });
    expect(writer.messageIds()).to.deep.equal([]);
  });

  it('takes messages by HTTP POST and serves the history by GET when sockets are blocked', async () => {
    const { token, visitorId } = await visitor();
    const post = (body: unknown, auth = `Bearer ${token}`) =>
      fetch(`${running.base}/messages`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const accepted = await post({ type: 'message', clientId: 'h-1', text: 'by HTTP' });
    expect(accepted.status).to.equal(200);
    expect(await accepted.json()).to.deep.equal({ accepted: 1, acked: ['h-1'] });
    expect(
      (await post({ type: 'message', clientId: 'h-2', text: 'x' }, 'Bearer forged')).status,
    ).to.equal(401);
    const malformed = await post({ type: 'message', clientId: 'h 3' });
    expect(malformed.status).to.equal(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).to.equal(
      'TVOX_ERR_INVALID_INPUT',
    );

    const id = await running.say(visitorId, { text: 'answer by HTTP' });
    const history = await fetch(`${running.base}/messages?after=h-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { messages } = (await history.json()) as { messages: { id: string }[] };
    expect(messages.map((m) => m.id)).to.deep.equal(['h-1', id]);
  });

  it('answers the demo page, the widget script and its modules', async () => {
    const demo = await fetch(`${running.base}/demo`);
    expect(demo.headers.get('content-type')).to.contain('text/html');
    expect(await demo.text()).to.contain('src="widget.js"');
    const loader = await fetch(`${running.base}/widget.js`, {
      headers: { origin: 'https://shop.example.com' },
    });
    expect(loader.headers.get('content-type')).to.contain('javascript');
    expect(loader.headers.get('access-control-allow-origin')).to.equal('*');
    expect((await fetch(`${running.base}/widget/boot.js`)).status).to.equal(200);
    expect((await fetch(`${running.base}/widget/..%2Fpackage.json`)).status).to.equal(404);
  });

  it('registers WebSocket support itself on a bare server, and refuses a second channel there', async () => {
    const make = (id: string) =>
      createWebchatChannel({
        channel: {
          id,
          adapter: 'webchat',
          serviceCode: 'S',
          entryPoints: {},
          settings: { secret: 'x'.repeat(32) },
        },
        publicUrl: 'http://127.0.0.1',
        ledger: running.core.ledger,
      });
    const bare = Fastify();
    await bare.register(make('one').routes, { prefix: '/channels/one' });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = bare.server.address() as { port: number };
      const base = `http://127.0.0.1:${address.port}/channels/one`;
      const { body } = await identify(base);
      const socket = await VisitorSocket.open(`${base.replace('http', 'ws')}/ws`, {
        token: body.token,
      });
      sockets.push(socket);
      await socket.ready();
    } finally {
      await bare.close();
    }

    const shared = Fastify();
    await shared.register(make('one').routes, { prefix: '/channels/one' });
    const failure = await shared.register(make('two').routes, { prefix: '/channels/two' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(ConfigError);
    expect((failure as Error).message).to.contain('register @fastify/websocket on the root');
  });

  it('sends heartbeats, and drops a socket that stopped answering pings', async () => {
    await running.stop();
    running = await startChannel({ settings: { heartbeatSeconds: 1 } });
    const { token } = await visitor();
    const url = `${running.base.replace('http', 'ws')}/ws`;
    const live = await VisitorSocket.open(url, { token });
    const silent = await VisitorSocket.open(url, { token }, { answerPings: false });
    sockets.push(live, silent);
    await live.next((f): f is { type: 'heartbeat' } => f.type === 'heartbeat');
    await eventually(() => silent.closed !== undefined, 4000);
    expect(silent.closed?.code).to.equal(1006);
    expect(live.closed).to.equal(undefined);
  });

  it('refuses settings without a long enough secret, naming the setting', () => {
    const create = () =>
      createWebchatChannel({
        channel: {
          id: 'shop-chat',
          adapter: 'webchat',
          serviceCode: 'S',
          entryPoints: {},
          settings: { secret: 'short' },
        },
        publicUrl: 'http://localhost:8080',
        ledger: running.core.ledger,
      });
    expect(create)
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('channels.shop-chat.settings.secret')
      .and.not.contains('short');
  });
});
