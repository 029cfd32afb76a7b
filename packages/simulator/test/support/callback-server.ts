import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireEvent } from '@tvox-connector/simulator';

/** One push as the callback received it. */
export interface ReceivedPush {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly events: WireEvent[];
}

/**
 * A connector's REST callback for tests: records every `POST /events`, and answers 500 to the
 * first `failFirst` pushes before answering `result: SUCCESS`.
 */
export class CallbackServer {
  readonly pushes: ReceivedPush[] = [];
  failFirst = 0;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (this.failFirst > 0) {
        this.failFirst -= 1;
        response.writeHead(500).end('try again');
        return;
      }
      const payload = JSON.parse(body) as { events: WireEvent[] };
      this.pushes.push({ headers: request.headers, body, events: payload.events });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ result: 'SUCCESS' }));
    });
  });

  /** The callback base URL, once listening. */
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tvox`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every pushed event in arrival order. */
  events(): WireEvent[] {
    return this.pushes.flatMap((p) => p.events);
  }
}

/** The HMAC-SHA256 signature the simulator puts on a push body. */
export function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
