import { randomUUID } from 'node:crypto';
import { eventually } from '@tvox-connector/testkit';
import WebSocket from 'ws';
import type { ServerFrame } from '@tvox-connector/adapter-webchat';

/** What `POST /visitor` answers. */
export interface Identified {
  readonly token: string;
  readonly visitorId: string;
  readonly socketUrl: string;
  readonly name?: string;
}

/** `POST <base>/visitor`; resolves with the status and the JSON body. */
export async function identify(
  base: string,
  body: object = {},
): Promise<{ status: number; body: Identified & { error?: { code: string; message: string } } }> {
  const response = await fetch(`${base}/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** A widget's socket, driven by hand: every frame received is kept in order. */
export class VisitorSocket {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as ServerFrame);
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
    });
  }

  /** Opens the socket and sends `hello` (when `token` is given); resolves once it is open. */
  static async open(
    url: string,
    hello?: { token: string; after?: string },
    options: { answerPings?: boolean } = {},
  ): Promise<VisitorSocket> {
    const socket = new WebSocket(url, { autoPong: options.answerPings ?? true });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        resolve();
      });
      socket.once('error', reject);
    });
    const client = new VisitorSocket(socket);
    if (hello) client.send({ type: 'hello', ...hello });
    return client;
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame received that matches, once there is one. */
  async next<T extends ServerFrame>(match: (frame: ServerFrame) => frame is T): Promise<T> {
    let found: T | undefined;
    await eventually(() => (found = this.frames.find(match)) !== undefined);
    return found!;
  }

  /** Waits until the server replayed history and said `ready`. */
  async ready(): Promise<void> {
    await eventually(() => this.frames.some((f) => f.type === 'ready'));
  }

  /**
   * Resolves once every frame the server sent before it got this call's ping has arrived (its
   * pong follows them on the connection); at once when the socket is not open.
   */
  async settled(): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const probe = randomUUID();
    await new Promise<void>((resolve) => {
      const done = () => {
        this.socket.off('pong', pong);
        this.socket.off('close', done);
        resolve();
      };
      const pong = (data: Buffer) => {
        if (data.toString('utf8') === probe) done();
      };
      this.socket.on('pong', pong);
      this.socket.on('close', done);
      this.socket.ping(probe);
    });
  }

  /** Ids of the message frames received, in order. */
  messageIds(): string[] {
    return this.frames.flatMap((f) => (f.type === 'message' ? [f.id] : []));
  }

  /** Resolves once the server closed the socket (at once if it is closed already). */
  async closedByServer(): Promise<{ code: number; reason: string }> {
    if (!this.closed) await new Promise((resolve) => this.socket.once('close', resolve));
    if (!this.closed) throw new Error('the socket closed without a close frame');
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const closing = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closing;
  }
}

/** Type guards for frames, to wait for one kind. */
export const frames = {
  ack:
    (clientId: string) =>
    (f: ServerFrame): f is Extract<ServerFrame, { type: 'ack' }> =>
      f.type === 'ack' && f.clientId === clientId,
  error: (f: ServerFrame): f is Extract<ServerFrame, { type: 'error' }> => f.type === 'error',
  message:
    (id: string) =>
    (f: ServerFrame): f is Extract<ServerFrame, { type: 'message' }> =>
      f.type === 'message' && f.id === id,
  typing: (f: ServerFrame): f is Extract<ServerFrame, { type: 'typing' }> => f.type === 'typing',
};
