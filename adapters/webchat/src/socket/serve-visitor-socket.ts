import {
  PayloadTooLargeError,
  errorReply,
  type Clock,
  type Logger,
  type MessageQuery,
  type MessageRecord,
  type WebhookRequest,
} from '@tvox-connector/core';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { retryAfterMsOf } from '../http/answer-error.js';
import type { WebchatAdapter } from '../webchat-adapter.js';
import { historyFrames, inboundFrame } from './history.js';
import type { ServerFrame } from './server-frame.js';
import { VisitorConnection, type VisitorSockets } from './visitor-sockets.js';

/** What a socket needs to serve a visitor. */
export interface SocketDeps {
  readonly adapter: WebchatAdapter;
  readonly sockets: VisitorSockets;
  readonly ledger: { messages(query: MessageQuery): Promise<MessageRecord[]> };
  readonly historyLimit: number;
  /** Largest frame taken; a bigger one is answered with an error frame, then the socket closed. */
  readonly maxFrameBytes: number;
  readonly heartbeatSeconds: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The first frame of every socket: who the visitor is, and the last message the widget showed. */
const HelloFrame = z.object({
  type: z.literal('hello'),
  token: z.string().min(1).max(4096),
  after: z.string().min(1).max(300).optional(),
});

/** Close codes the widget acts on: 4401 means "get a new token", the rest "reconnect later". */
export const CLOSE_CODES = {
  tokenRefused: 4401,
  noHello: 4408,
  historyUnavailable: 1011,
  frameTooLarge: 1009,
} as const;

const HELLO_TIMEOUT_MS = 10_000;

function frameRequest(token: string, data: Buffer): WebhookRequest {
  return {
    method: 'POST',
    path: '/ws',
    query: {},
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    rawBody: data,
  };
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** The JSON in a frame, or undefined when it is not JSON. */
function readJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The client id of a frame that failed, if it has one, so the widget knows which message. */
function clientIdOf(data: Buffer): string | undefined {
  const parsed = z.object({ clientId: z.string().max(64) }).safeParse(readJson(data));
  return parsed.success ? parsed.data.clientId : undefined;
}

/**
 * Serves one widget socket. The first frame is `hello` with the visitor token: the socket is then
 * the visitor's, and is sent what the ledger holds that the widget has not shown, then `ready`.
 * Every later frame goes through the adapter's verify, parse and core's sink, one at a time in
 * arrival order; a message is acknowledged (`ack`) only once the sink has stored it.
 */
export function serveVisitorSocket(socket: WebSocket, deps: SocketDeps): void {
  let connection: VisitorConnection | undefined;
  let token = '';
  let queue = Promise.resolve();
  const helloTimer = setTimeout(() => {
    socket.close(CLOSE_CODES.noHello, 'no hello frame');
  }, HELLO_TIMEOUT_MS);
  let answered = true;
  const heartbeat = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
    connection?.sendNow({ type: 'heartbeat' });
  }, deps.heartbeatSeconds * 1000);
  socket.on('pong', () => {
    answered = true;
  });

  async function hello(data: Buffer): Promise<void> {
    clearTimeout(helloTimer);
    const frame = HelloFrame.safeParse(readJson(data));
    if (!frame.success) {
      socket.close(CLOSE_CODES.tokenRefused, 'the first frame must be hello');
      return;
    }
    let visitorId: string;
    try {
      visitorId = deps.adapter.visitorOf(frameRequest(frame.data.token, Buffer.alloc(0))).id;
    } catch (error) {
      deps.logger.info({ channel: deps.adapter.channel, err: error }, 'visitor socket refused');
      socket.close(CLOSE_CODES.tokenRefused, 'visitor token refused');
      return;
    }
    token = frame.data.token;
    const opened = new VisitorConnection(visitorId, socket);
    connection = opened;
    deps.sockets.add(opened);
    let records: MessageRecord[];
    try {
      records = await deps.ledger.messages({
        conversation: { channel: deps.adapter.channel, id: visitorId },
        limit: deps.historyLimit,
      });
    } catch (error) {
      deps.logger.warn({ channel: deps.adapter.channel, err: error }, 'history unavailable');
      socket.close(CLOSE_CODES.historyUnavailable, 'history unavailable, reconnect later');
      return;
    }
    for (const replayed of historyFrames(records, frame.data.after)) opened.sendNow(replayed);
    opened.sendNow({ type: 'ready', visitorId });
    opened.replayed();
  }

  /** The error frame for a frame that failed: with its client id, when it has one. */
  function sendError(data: Buffer, error: unknown): void {
    const clientId = clientIdOf(data);
    const { body, retryable } = errorReply(error);
    const retryAfterMs = retryAfterMsOf(error);
    const frame: ServerFrame = {
      type: 'error',
      ...(clientId === undefined ? {} : { clientId }),
      ...body.error,
      retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }

  async function visitorFrame(current: VisitorConnection, data: Buffer): Promise<void> {
    try {
      const activities = await deps.adapter.receive(frameRequest(token, data));
      for (const activity of activities) {
        if (activity.kind !== 'message') continue;
        current.sendNow({ type: 'ack', clientId: activity.networkMessageId });
        // The visitor's other tabs show it too.
        deps.sockets.push(current.visitorId, inboundFrame(activity, deps.clock.now()), current);
      }
    } catch (error) {
      // Counted and logged by core's inbound gate; the widget is told why.
      sendError(data, error);
    }
  }

  socket.on('message', (data, isBinary) => {
    const bytes = asBuffer(data);
    if (bytes.length > deps.maxFrameBytes) {
      // Told at once, before the frames queued ahead of it: nothing of it is read further.
      sendError(bytes, new PayloadTooLargeError(deps.maxFrameBytes, bytes.length));
      socket.close(CLOSE_CODES.frameTooLarge, 'frame too large');
      return;
    }
    queue = queue
      .then(async () => {
        if (isBinary) socket.close(1003, 'text frames only');
        else if (connection === undefined) await hello(bytes);
        else await visitorFrame(connection, bytes);
      })
      .catch((error: unknown) => {
        deps.logger.warn({ channel: deps.adapter.channel, err: error }, 'visitor socket failed');
        socket.close(1011, 'unexpected error');
      });
  });
  socket.on('close', () => {
    clearTimeout(helloTimer);
    clearInterval(heartbeat);
    if (connection) deps.sockets.remove(connection);
  });
  socket.on('error', (error) => {
    deps.logger.debug({ channel: deps.adapter.channel, err: error }, 'visitor socket error');
  });
}
