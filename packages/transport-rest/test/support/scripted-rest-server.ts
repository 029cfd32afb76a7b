import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { TransportConfig } from '@tvox-connector/core';
import { listenOnLoopback, type Listening } from '@tvox-connector/testkit';

/** What the server answers a call with. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
}

/** A call the server received: the raw URL as sent, and its query as a service decodes it. */
export interface ReceivedCall {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** The WADL fixture `name` of this package's `test/fixtures`. */
export function fixtureWadl(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', `${name}.wadl`), 'utf8');
}

/** A JSON answer. */
export function json(status: number, body: unknown): ScriptedAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/**
 * A scripted REST/JSON TVox on a loopback port: serves `wadl` at `/mc/cxf/rest?_wadl` (404 when
 * there is none), records every other call and answers it with `answer`, which a test sets.
 */
export class ScriptedRestServer {
  readonly calls: ReceivedCall[] = [];
  answer: ScriptedAnswer = { status: 500, body: 'not scripted' };
  url = '';
  private listening: Listening | undefined;

  constructor(private readonly wadl: string | undefined) {}

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      const parsed = new URL(url, 'http://tvox');
      if (parsed.pathname === '/mc/cxf/rest' && parsed.search === '?_wadl') {
        if (this.wadl === undefined) response.writeHead(404).end('no WADL here');
        else response.writeHead(200, { 'content-type': 'application/xml' }).end(this.wadl);
        return;
      }
      this.calls.push({
        method: request.method ?? '',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: request.headers,
      });
      response
        .writeHead(this.answer.status, { 'content-type': this.answer.contentType ?? 'text/plain' })
        .end(this.answer.body);
    });
    this.listening = await listenOnLoopback(server);
    this.url = `http://127.0.0.1:${this.listening.port}`;
    return this;
  }

  /** The last call received. */
  last(): ReceivedCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no call received');
    return call;
  }

  /** A transport configuration for this server with the profile `profile`. */
  config(profile: string): TransportConfig {
    return {
      connectorCode: 'C1',
      tvox: {
        url: this.url,
        auth: { kind: 'none' },
        timeoutMs: 2_000,
        connectTimeoutMs: 1_000,
        maxConnections: 2,
        profile,
      },
      events: { mode: 'poll', intervalMs: 50, max: 10 },
    };
  }

  stop(): Promise<void> {
    return this.listening?.stop() ?? Promise.resolve();
  }
}
