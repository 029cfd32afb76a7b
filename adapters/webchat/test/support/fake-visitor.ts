import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelAdapter } from '@tvox-connector/core';
import type { ConformanceNetwork, Delivered } from '@tvox-connector/testkit';
import type { MessageFrame, WebchatChannel } from '@tvox-connector/adapter-webchat';
import Fastify, { type FastifyInstance } from 'fastify';
import { VisitorSocket, identify } from './visitor-client.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A message as the widget shows it, in the conformance suite's terms: its text, then its files;
 * the quick-reply buttons under it go with its last part.
 */
function deliveredOf(frame: MessageFrame): Delivered[] {
  const parts: Delivered[] = [
    ...(frame.text === undefined ? [] : [{ kind: 'text' as const, text: frame.text }]),
    ...frame.attachments.map((file) => ({ kind: 'file' as const, url: file.url })),
  ].map((part) => ({ ...part, quickReplies: [] }));
  const quickReplies = frame.quickReplies.map((reply) => reply.title);
  return parts.map((part, i) => (i === parts.length - 1 ? { ...part, quickReplies } : part));
}

/**
 * The web chat's "network" for the adapter conformance suite: one visitor connected to the
 * channel. The channel's routes are served by a fastify server of this fake's own (the suite's
 * server mounts only the adapter's webhook); the visitor starts as the widget does, `POST
 * /visitor` with the token it kept, then opens the socket it is given, says `hello` and waits for
 * `ready`, keeping every frame the server sends. What it was delivered is what the widget shows:
 * agents' and the connector's messages and typing, each message id once.
 */
export class FakeVisitor implements ConformanceNetwork {
  private readonly sockets: VisitorSocket[] = [];
  private app: FastifyInstance | undefined;
  private socketUrl = '';
  private visitorId = '';

  private constructor(
    private token: string,
    private readonly server: Server,
    private readonly handler: { current?: Handler },
    /** The base URL of the fake's server: give it to the channel as its public URL. */
    readonly url: string,
    /** A directory of the fake's own, for the channel's uploads. */
    readonly directory: string,
  ) {}

  /** Starts the server on a free loopback port, for the visitor holding `token`. */
  static async start(token: string): Promise<FakeVisitor> {
    const handler: { current?: Handler } = {};
    // Listening first gives the channel its public URL; its routes are mounted once it exists.
    const server = createServer((request, response) => {
      if (handler.current) handler.current(request, response);
      else response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const directory = await mkdtemp(join(tmpdir(), 'webchat-conformance-'));
    return new FakeVisitor(token, server, handler, `http://127.0.0.1:${port}`, directory);
  }

  /**
   * Serves `channel`'s routes under `/channels/<id>` and connects the visitor to it; resolves
   * with the channel's adapter, the one whose socket the visitor holds.
   */
  async connect(channel: WebchatChannel): Promise<ChannelAdapter> {
    const app = Fastify({
      serverFactory: (handle) => {
        this.handler.current = handle;
        return this.server;
      },
    });
    this.app = app;
    const base = `/channels/${channel.adapter.channel}`;
    await app.register(channel.routes, { prefix: base });
    await app.ready();
    const started = await identify(`${this.url}${base}`, { token: this.token });
    if (started.status !== 200) throw new Error(`POST /visitor answered ${started.status}`);
    this.token = started.body.token;
    this.visitorId = started.body.visitorId;
    this.socketUrl = started.body.socketUrl;
    await this.open();
    return channel.adapter;
  }

  async delivered(conversationId: string): Promise<Delivered[]> {
    await this.sockets.at(-1)?.settled();
    if (conversationId !== this.visitorId) return [];
    const shown = new Set<string>();
    return this.frames().flatMap((frame): Delivered[] => {
      if (frame.type === 'typing') return [{ kind: 'typing' }];
      if (frame.type !== 'message' || frame.origin === 'visitor' || shown.has(frame.id)) return [];
      shown.add(frame.id);
      return deliveredOf(frame);
    });
  }

  /** The visitor closes the page: the socket closes. */
  async disconnect(conversationId: string): Promise<void> {
    this.expectVisitor(conversationId);
    await this.sockets.at(-1)?.close();
  }

  /** The visitor opens the page again: the widget says `hello` after the last message it showed. */
  async reconnect(conversationId: string): Promise<void> {
    this.expectVisitor(conversationId);
    const last = this.frames().findLast((frame) => frame.type === 'message');
    await this.open(last?.id);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) await socket.close();
    await this.app?.close();
    this.app = undefined;
    if (this.server.listening) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server.close(resolve));
    }
    await rm(this.directory, { recursive: true, force: true });
  }

  private async open(after?: string): Promise<void> {
    const socket = await VisitorSocket.open(
      this.socketUrl,
      after === undefined ? { token: this.token } : { token: this.token, after },
    );
    this.sockets.push(socket);
    await socket.ready();
  }

  /** Every frame received, over every socket in turn. */
  private frames() {
    return this.sockets.flatMap((socket) => socket.frames);
  }

  private expectVisitor(conversationId: string): void {
    if (conversationId !== this.visitorId)
      throw new Error(`the fake visitor is ${this.visitorId}, not ${conversationId}`);
  }
}
