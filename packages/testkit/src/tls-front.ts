import { createServer } from 'node:https';
import { TLSSocket, type PeerCertificate } from 'node:tls';
import { publishContract } from '@tvox-connector/simulator';
import { listenOnLoopback, passOn } from './loopback-server.js';

/** TLS settings of {@link serveOverTls}. */
export interface TlsFrontOptions {
  /** The server's certificate and key, PEM. */
  readonly cert: string;
  readonly key: string;
  /** With `ca`, a client certificate signed by it is required (mutual TLS). */
  readonly clientCa?: string;
}

/** One request the front received. */
export interface FrontRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** The common name of the client certificate presented, if any. */
  readonly clientName?: string;
}

/** An HTTPS server in front of a simulator. */
export interface TlsFront {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: FrontRequest[];
  stop(): Promise<void>;
}

/** The contract documents, by the query that asks for each, as CXF serves them. */
const DOCUMENTS = [
  { path: '/mc/cxf/soap', query: 'wsdl', pick: 'wsdl' },
  { path: '/mc/cxf/soap', query: 'xsd=1', pick: 'xsd' },
  { path: '/mc/cxf/rest', query: '_wadl', pick: 'wadl' },
] as const;

/**
 * An HTTPS TVox: serves the reference WSDL (importing its schema from this server over HTTPS)
 * and WADL itself, as a CXF behind TLS publishes them, and passes every other request to the
 * simulator at `target` (plain HTTP). For tests of a private CA and of mutual TLS.
 */
export async function serveOverTls(target: string, options: TlsFrontOptions): Promise<TlsFront> {
  const requests: FrontRequest[] = [];
  const mutual = options.clientCa !== undefined;
  const server = createServer(
    {
      cert: options.cert,
      key: options.key,
      ...(mutual ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
    },
    (request, response) => {
      const path = request.url ?? '/';
      const clientName =
        request.socket instanceof TLSSocket ? commonName(request.socket) : undefined;
      requests.push({
        method: request.method ?? 'GET',
        path,
        ...(clientName === undefined ? {} : { clientName }),
      });
      const [pathname, query] = path.split('?');
      const document = DOCUMENTS.find((d) => d.path === pathname && d.query === query);
      if (request.method === 'GET' && document !== undefined) {
        const published = publishContract(`https://${request.headers.host ?? 'localhost'}`);
        response.writeHead(200, { 'content-type': 'text/xml' }).end(published[document.pick]);
        return;
      }
      passOn(request, response, `${target}${path}`, request.headers);
    },
  );
  const listening = await listenOnLoopback(server);
  return { url: `https://127.0.0.1:${listening.port}`, requests, stop: listening.stop };
}

/** The common name of the certificate the peer presented, if it presented one. */
function commonName(socket: TLSSocket): string | undefined {
  // Without a certificate Node answers an empty object, which its type does not tell.
  const subject = socket.getPeerCertificate().subject as PeerCertificate['subject'] | undefined;
  return typeof subject?.CN === 'string' ? subject.CN : undefined;
}
