import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A failure a fake network answers an API call with, rendered in the network's own format by
 * {@link FakeNetworkOptions.fault}.
 */
export type NetworkFault =
  /** Slow down (HTTP 429 or the network's equivalent) and try again after this many seconds. */
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  /** The network failed (a 5xx status). */
  | { readonly kind: 'server-error'; readonly status: number }
  /** A permanent refusal: the customer blocked the bot, the recipient does not exist. */
  | { readonly kind: 'refused' };

/** What {@link FakeNetwork.failNext} queues: a fault, or a call to let through before the next. */
export type QueuedFault = NetworkFault | { readonly kind: 'pass' };

/** One request the fake network received. */
export interface FakeCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Aborted when the client goes away or the network closes: for answers that wait. */
  readonly signal: AbortSignal;
  /**
   * How the fake answered, once it has (a call still waiting for its answer has none): so that
   * a `delivered` view can tell what went through from what was refused.
   */
  answered?: FakeAnswer;
}

/** How the fake answered a call. */
export interface FakeAnswer {
  readonly status: number;
  /** The fault answered instead of the route's own reply, if one was injected. */
  readonly fault?: NetworkFault['kind'];
}

/** What a route answers: `body` is sent as is when a string or bytes, as JSON otherwise. */
export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** One API operation of the fake network. */
export interface FakeRoute {
  readonly method: string;
  /** Matched against the whole path; named groups become `params`. */
  readonly path: RegExp;
  /** Whether injected faults apply to it (API calls: yes; file downloads: say no). */
  readonly faultable?: boolean;
  reply(call: FakeCall, params: Readonly<Record<string, string>>): FakeReply | Promise<FakeReply>;
}

/** What {@link startFakeNetwork} builds a fake network from. */
export interface FakeNetworkOptions {
  readonly routes: readonly FakeRoute[];
  /** The network's own answer to a fault, e.g. its error JSON with the status. */
  fault(fault: NetworkFault, call: FakeCall): FakeReply;
  /** The answer for a path no route matches; a bare 404 by default. */
  notFound?(call: FakeCall): FakeReply;
}

/**
 * A messaging network's API faked on loopback: a table of routes, every call recorded, and faults
 * injected in the network's format for the next faultable calls. Build a network's fake from it
 * in a few lines, then give the fake the `delivered` view the adapter conformance suite reads.
 */
export class FakeNetwork {
  /** Every request received, in order. */
  readonly calls: FakeCall[] = [];
  private readonly faults: QueuedFault[] = [];
  private readonly closing = new AbortController();
  private readonly server: ReturnType<typeof createServer>;
  private base = '';

  private constructor(private readonly options: FakeNetworkOptions) {
    this.server = createServer((request, response) => {
      void this.serve(request, response);
    });
  }

  /** Starts a fake network on a free loopback port. */
  static async start(options: FakeNetworkOptions): Promise<FakeNetwork> {
    const network = new FakeNetwork(options);
    await new Promise<void>((resolve) => network.server.listen(0, '127.0.0.1', resolve));
    const { address, port } = network.server.address() as AddressInfo;
    network.base = `http://${address}:${port}`;
    return network;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.base;
  }

  /**
   * The next faultable calls fail with these faults, in order; `{ kind: 'pass' }` lets one call
   * through, so that a later one fails.
   */
  failNext(...faults: QueuedFault[]): void {
    this.faults.push(...faults);
  }

  /** Calls whose path matches, in order. */
  callsTo(path: RegExp): FakeCall[] {
    return this.calls.filter((call) => path.test(call.path));
  }

  /** Ends waiting answers, drops connections and stops listening. */
  close(): Promise<void> {
    this.closing.abort();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => {
        resolve();
      });
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const gone = new AbortController();
    response.on('close', () => {
      gone.abort();
    });
    const call: FakeCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      ),
      body: Buffer.concat(chunks),
      signal: AbortSignal.any([gone.signal, this.closing.signal]),
    };
    this.calls.push(call);
    let reply: FakeReply;
    let fault: NetworkFault['kind'] | undefined;
    try {
      ({ reply, fault } = await this.answer(call));
    } catch {
      reply = { status: 500, body: 'fake network route failed' };
    }
    call.answered = { status: reply.status, ...(fault === undefined ? {} : { fault }) };
    if (response.destroyed) return;
    const { payload, json } = encode(reply.body);
    response
      .writeHead(reply.status, {
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...reply.headers,
      })
      .end(payload);
  }

  /** The route's reply to `call`, or the fault injected in its place. */
  private async answer(
    call: FakeCall,
  ): Promise<{ reply: FakeReply; fault?: NetworkFault['kind'] }> {
    const { options } = this;
    for (const route of options.routes) {
      if (route.method !== call.method) continue;
      const match = route.path.exec(call.path);
      if (match?.[0] !== call.path) continue;
      if (route.faultable !== false) {
        const fault = this.faults.shift();
        if (fault && fault.kind !== 'pass') {
          return { reply: options.fault(fault, call), fault: fault.kind };
        }
      }
      return { reply: await route.reply(call, { ...match.groups }) };
    }
    return { reply: options.notFound?.(call) ?? { status: 404 } };
  }
}

function encode(body: unknown): { readonly payload: string | Buffer; readonly json: boolean } {
  if (body === undefined) return { payload: '', json: false };
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { payload: body, json: false };
  return { payload: JSON.stringify(body), json: true };
}

/** Starts a fake network: see {@link FakeNetwork}. */
export function startFakeNetwork(options: FakeNetworkOptions): Promise<FakeNetwork> {
  return FakeNetwork.start(options);
}
