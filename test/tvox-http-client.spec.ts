import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { TLSSocket } from 'node:tls';
import {
  ConfigError,
  TransportCallError,
  TvoxHttpClient,
  TvoxConfig,
  type TransportConfig,
} from '@tvox-connector/core';
import {
  TEST_KEY_PASSPHRASE,
  createTestPki,
  expectRejection,
  listenOnLoopback,
  startForwardProxy,
  type ForwardProxy,
  type Listening,
  type TestPki,
} from '@tvox-connector/testkit';
import { expect } from 'chai';
import type { z } from 'zod';

/** TVox settings as written in the configuration, before defaults. */
type TvoxSettings = Partial<z.input<typeof TvoxConfig>>;
/** What the echo servers saw of a request, as they answer it. */
interface Echo {
  readonly url: string;
  readonly authorization?: string;
  readonly clientName?: string;
}

/** Answers every request with what it saw of it. */
const echo: RequestListener = (request, response) => {
  const { socket } = request;
  const peer = socket instanceof TLSSocket ? socket.getPeerCertificate() : undefined;
  // Without a client certificate Node answers an empty object, which its type does not tell.
  const subject = peer?.subject;
  const seen: Echo = {
    url: request.url ?? '',
    ...(request.headers.authorization === undefined
      ? {}
      : { authorization: request.headers.authorization }),
    ...(typeof subject?.CN === 'string' ? { clientName: subject.CN } : {}),
  };
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
};

describe('TvoxHttpClient: TLS, mutual TLS and the outbound proxy', function () {
  this.timeout(10_000);
  let pki: TestPki;
  let servers: Listening[];
  let clients: TvoxHttpClient[];

  /** A client for TVox at `url`, as a transport makes it from config. */
  const client = (url: string, tvox: TvoxSettings = {}): TvoxHttpClient => {
    const config: Pick<TransportConfig, 'connectorCode' | 'tvox'> = {
      connectorCode: 'C1',
      tvox: TvoxConfig.parse({ url, auth: { kind: 'basic', password: 'tvox-pw' }, ...tvox }),
    };
    const made = TvoxHttpClient.forTvox(config);
    clients.push(made);
    return made;
  };
  const get = async (http: TvoxHttpClient, url: string): Promise<Echo> =>
    JSON.parse((await http.request('getSessionStatus', { method: 'GET', url })).text) as Echo;

  const https = async (options: ServerOptions = {}): Promise<string> => {
    const server = createHttpsServer(
      { cert: pki.server.cert.pem, key: pki.server.key.pem, ...options },
      echo,
    );
    const listening = await listenOnLoopback(server);
    servers.push(listening);
    return `https://127.0.0.1:${listening.port}`;
  };
  const http = async (): Promise<string> => {
    const listening = await listenOnLoopback(createHttpServer(echo));
    servers.push(listening);
    return `http://127.0.0.1:${listening.port}`;
  };
  const mutualTls = { ca: undefined as string | undefined, requestCert: true };

  before(() => {
    pki = createTestPki();
    mutualTls.ca = pki.ca.pem;
  });
  beforeEach(() => {
    servers = [];
    clients = [];
  });
  afterEach(async () => {
    await Promise.all([...clients.map((c) => c.close()), ...servers.map((s) => s.stop())]);
  });
  after(() => {
    pki.remove();
  });

  describe('a TVox whose certificate a private CA signed', () => {
    it('is trusted through tvox.tls.ca given as a file', async () => {
      const url = await https();
      const seen = await get(client(url, { tls: { ca: pki.ca.file } }), `${url}/mc/cxf/rest`);
      expect(seen).to.include({ url: '/mc/cxf/rest' });
    });

    it('is trusted through tvox.tls.ca given as PEM text', async () => {
      const url = await https();
      const seen = await get(client(url, { tls: { ca: pki.ca.pem } }), `${url}/x`);
      expect(seen.url).to.equal('/x');
    });

    it('is refused without the CA, with a retryable error that names the setting', async () => {
      const url = await https();
      const error = await expectRejection(get(client(url), `${url}/x`));
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ kind: 'connection', retryable: true });
      expect(error.message).to.match(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED/);
      expect(error.message).to.contain('tvox.tls.ca');
    });

    it('is checked against tvox.tls.servername when one is set', async () => {
      const url = (await https()).replace('127.0.0.1', 'localhost');
      const error = await expectRejection(
        get(client(url, { tls: { ca: pki.ca.file, servername: 'tvox.example' } }), `${url}/x`),
      );
      expect(error.message).to.contain('ERR_TLS_CERT_ALTNAME_INVALID');
      expect(error.message).to.contain('tvox.tls.servername');
    });

    it('is accepted unverified only with rejectUnauthorized: false', async () => {
      const url = await https();
      const seen = await get(client(url, { tls: { rejectUnauthorized: false } }), `${url}/x`);
      expect(seen.url).to.equal('/x');
    });
  });

  describe('mutual TLS', () => {
    it('presents tvox.tls.cert and key (files) to a TVox that requires a client certificate', async () => {
      const url = await https(mutualTls);
      const tls = { ca: pki.ca.file, cert: pki.client.cert.file, key: pki.client.key.file };
      expect(await get(client(url, { tls }), `${url}/x`)).to.include({ clientName: 'connector' });
    });

    it('decrypts an encrypted key with tvox.tls.passphrase (PEM text)', async () => {
      const url = await https(mutualTls);
      const tls = {
        ca: pki.ca.pem,
        cert: pki.client.cert.pem,
        key: pki.encryptedClientKey.pem,
        passphrase: TEST_KEY_PASSPHRASE,
      };
      expect(await get(client(url, { tls }), `${url}/x`)).to.include({ clientName: 'connector' });
    });

    for (const [name, tls] of [
      ['no client certificate', () => ({ ca: pki.ca.file })],
      [
        'a client certificate of another CA',
        () => ({ ca: pki.ca.file, cert: pki.stranger.cert.file, key: pki.stranger.key.file }),
      ],
    ] as const) {
      it(`is refused with ${name}`, async () => {
        const url = await https({ ...mutualTls, rejectUnauthorized: true });
        const error = await expectRejection(get(client(url, { tls: tls() }), `${url}/x`));
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ kind: 'connection' });
        expect(error.message).to.contain('tvox.tls.cert');
      });
    }
  });

  describe('client certificates that cannot work', () => {
    for (const [name, tls] of [
      [
        'a key that is not the certificate’s',
        () => ({ cert: pki.client.cert.pem, key: pki.stranger.key.file }),
      ],
      [
        'a wrong passphrase',
        () => ({
          cert: pki.client.cert.file,
          key: pki.encryptedClientKey.file,
          passphrase: 'nope',
        }),
      ],
    ] as const) {
      it(`stop the start with a ConfigError naming tvox.tls.cert: ${name}`, () => {
        const attempt = () => client('https://127.0.0.1:1', { tls: tls() });
        expect(attempt).to.throw(
          ConfigError,
          /tvox\.tls\.cert: unusable with its key and passphrase/,
        );
      });
    }
  });

  describe('the Authorization header', () => {
    it('goes to TVox and its description, never to another origin', async () => {
      const tvox = await http();
      const elsewhere = await http();
      const description = `${await http()}/tvox.wsdl`;
      const made = client(tvox, { description });
      const basic = `Basic ${Buffer.from('C1:tvox-pw').toString('base64')}`;
      expect(await get(made, `${tvox}/a`)).to.include({ authorization: basic });
      expect(await get(made, description)).to.include({ authorization: basic });
      expect(await get(made, `${elsewhere}/b`)).to.not.have.property('authorization');
    });
  });

  describe('through tvox.proxy', () => {
    let proxy: ForwardProxy;
    const credentials = { username: 'proxy-user', password: 'proxy-s3cret' };
    const withCredentials = (url: string): string =>
      url.replace('http://', `http://${credentials.username}:${credentials.password}@`);

    beforeEach(async () => {
      proxy = await startForwardProxy({ credentials });
    });
    afterEach(async () => {
      await proxy.stop();
    });

    it('sends http:// requests to the proxy in absolute form, with Proxy-Authorization', async () => {
      const url = await http();
      const made = client(url, { proxy: { url: withCredentials(proxy.url), noProxy: [] } });
      expect(await get(made, `${url}/mc/cxf/rest?_wadl`)).to.include({ url: '/mc/cxf/rest?_wadl' });
      expect(proxy.requests).to.deep.equal([
        {
          method: 'GET',
          target: `${url}/mc/cxf/rest?_wadl`,
          proxyAuthorization: `Basic ${Buffer.from('proxy-user:proxy-s3cret').toString('base64')}`,
        },
      ]);
    });

    it('tunnels https:// requests with CONNECT, TLS to TVox with its CA and client certificate', async () => {
      const url = await https(mutualTls);
      const tls = { ca: pki.ca.file, cert: pki.client.cert.file, key: pki.client.key.file };
      const made = client(url, { tls, proxy: { url: withCredentials(proxy.url), noProxy: [] } });
      expect(await get(made, `${url}/x`)).to.include({ clientName: 'connector' });
      expect(proxy.requests.map((r) => [r.method, r.target])).to.deep.equal([
        ['CONNECT', url.replace('https://', '')],
      ]);
    });

    it('reaches the hosts of noProxy directly', async () => {
      const url = await http();
      const made = client(url, { proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } });
      expect(await get(made, `${url}/direct`)).to.include({ url: '/direct' });
      expect(proxy.requests).to.deep.equal([]);
    });

    for (const scheme of ['http', 'https'] as const) {
      it(`fails retryably on wrong proxy credentials (${scheme}), never showing them`, async () => {
        const url = scheme === 'http' ? await http() : await https();
        const wrong = proxy.url.replace('http://', 'http://proxy-user:wrong-s3cret@');
        const made = client(url, { tls: { ca: pki.ca.pem }, proxy: { url: wrong, noProxy: [] } });
        const error = await expectRejection(get(made, `${url}/x`));
        expect(error).to.be.instanceOf(TransportCallError);
        expect(error).to.include({ retryable: true });
        expect(error.message).to.contain('407').and.to.contain('tvox.proxy.url');
        const everything = JSON.stringify([error, error.message, error.stack, String(error.cause)]);
        expect(everything).to.not.contain('wrong-s3cret');
        expect(everything).to.not.contain(
          Buffer.from('proxy-user:wrong-s3cret').toString('base64'),
        );
      });
    }
  });
});
