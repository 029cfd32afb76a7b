import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers a SOAP call with. */
export interface FakeAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
}

/** A request the fake received. */
export interface FakeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The description documents the fake serves, built for its base URL. */
export interface FakeDescription {
  readonly wsdl: (baseUrl: string) => string;
  readonly xsd?: (baseUrl: string) => string;
}

/**
 * A scripted SOAP server at `/mc/cxf/soap` for what the simulator does not do: serves a WSDL (and
 * `?xsd=1`) optionally behind one `Authorization` value, records every request, and answers calls
 * with `answer`, which a test sets.
 */
export class FakeTvox {
  readonly requests: FakeRequest[] = [];
  answer: FakeAnswer | ((body: string) => FakeAnswer) = { status: 500, body: 'not scripted' };
  url = '';
  private readonly server: Server;

  constructor(
    private readonly description: FakeDescription,
    private readonly authorization?: string,
  ) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = request.url ?? '/';
        this.requests.push({ method: request.method ?? '', url, headers: request.headers, body });
        if (
          this.authorization !== undefined &&
          request.headers.authorization !== this.authorization
        ) {
          response.writeHead(401, { 'www-authenticate': 'Basic realm="TVox"' }).end();
          return;
        }
        const answer = this.respond(request.method ?? '', url, body);
        response
          .writeHead(answer.status, {
            'content-type': answer.contentType ?? 'text/xml; charset=utf-8',
          })
          .end(answer.body);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The bodies of the SOAP calls received. */
  calls(): string[] {
    return this.requests.filter((r) => r.method === 'POST').map((r) => r.body);
  }

  private respond(method: string, url: string, body: string): FakeAnswer {
    if (method === 'GET' && url.endsWith('?wsdl'))
      return { status: 200, body: this.description.wsdl(this.url) };
    if (method === 'GET' && url.endsWith('?xsd=1') && this.description.xsd)
      return { status: 200, body: this.description.xsd(this.url) };
    if (method !== 'POST') return { status: 404, contentType: 'text/plain', body: 'not found' };
    return typeof this.answer === 'function' ? this.answer(body) : this.answer;
  }
}

/** A SOAP 1.1 envelope around `body`. */
export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/**
 * A SOAP 1.1 fault answer, as CXF sends it (HTTP 500), of class `code`: `Client`, `Server`, or
 * one with a subcode (`Client.X`, as spyne sends).
 */
export function faultAnswer(code: string, message: string): FakeAnswer {
  return {
    status: 500,
    body: envelope(
      `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${message}</faultstring></soap:Fault>`,
    ),
  };
}
