import { Writable } from 'node:stream';
import { createLogger } from '@tvox-connector/cli';
import {
  TransportCallError,
  TvoxConfig,
  type Logger,
  type Transport,
  type TransportConfig,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import {
  createTestPki,
  expectRejection,
  serveOverTls,
  startForwardProxy,
  type ForwardProxy,
  type TestPki,
  type TlsFront,
  openSessionRequest,
} from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import type { z } from 'zod';

const CONNECTOR = { code: 'C1', password: 'tvox-password' };
const PROXY_USER = 'proxy-user';
const PROXY_PASSWORD = 'proxy-pa55word';

/** TVox settings as written in the configuration, before defaults. */
type TvoxSettings = Partial<z.input<typeof TvoxConfig>>;
/** Each transport, with the description documents it loads at start. */
const TRANSPORTS = [
  {
    name: 'REST',
    create: createRestTransport,
    descriptions: ['/mc/cxf/rest?_wadl'],
  },
  {
    name: 'SOAP',
    create: createSoapTransport,
    descriptions: ['/mc/cxf/soap?wsdl', '/mc/cxf/soap?xsd=1'],
  },
] as const;

/** A pino logger as the CLI makes it, writing its lines to `lines`. */
function recordingLogger(lines: string[]): Logger {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return createLogger({ level: 'trace', destination });
}

for (const technology of TRANSPORTS) {
  describe(`${technology.name} transport over TLS and through a proxy`, function () {
    this.timeout(20_000);
    let pki: TestPki;
    let simulator: RunningSimulator;
    let front: TlsFront;
    let proxy: ForwardProxy;
    let transports: Transport[];

    const transport = (tvox: TvoxSettings, logger?: Logger): Transport => {
      const config: TransportConfig = {
        connectorCode: CONNECTOR.code,
        tvox: TvoxConfig.parse({
          url: simulator.url,
          auth: { kind: 'basic', password: CONNECTOR.password },
          timeoutMs: 3_000,
          ...tvox,
        }),
        events: { mode: 'poll', intervalMs: 50, max: 10 },
      };
      const made = technology.create(config, logger ? { logger } : {});
      transports.push(made);
      return made;
    };
    const openOne = (made: Transport, id: string) => made.openSession(openSessionRequest(id));
    const mutualTls = () => ({
      ca: pki.ca.file,
      cert: pki.client.cert.file,
      key: pki.client.key.file,
    });
    const proxyUrl = (password = PROXY_PASSWORD) =>
      proxy.url.replace('http://', `http://${PROXY_USER}:${password}@`);

    before(async () => {
      pki = createTestPki();
      simulator = await startSimulator({
        port: 0,
        services: [{ code: 'SUPPORT' }],
        connectors: [CONNECTOR],
      });
      front = await serveOverTls(simulator.url, {
        cert: pki.server.cert.pem,
        key: pki.server.key.pem,
        clientCa: pki.ca.pem,
      });
    });
    beforeEach(async () => {
      transports = [];
      front.requests.length = 0;
      proxy = await startForwardProxy({
        credentials: { username: PROXY_USER, password: PROXY_PASSWORD },
      });
    });
    afterEach(async () => {
      await Promise.all(transports.map((t) => t.stop()));
      await proxy.stop();
    });
    after(async () => {
      await front.stop();
      await simulator.stop();
      pki.remove();
    });

    it('loads its description and calls over HTTPS with a private CA and a client certificate', async () => {
      const made = transport({ url: front.url, tls: mutualTls() });
      await made.start();
      expect((await openOne(made, 'tls')).sessionId).to.be.a('string');
      const seen = front.requests.map((r) => [r.method, r.path, r.clientName]);
      expect(seen.slice(0, -1)).to.deep.equal(
        technology.descriptions.map((path) => ['GET', path, 'connector']),
      );
      expect(seen.at(-1)).to.include.members(['POST', 'connector']);
    });

    it('does not start against that TVox without its CA', async () => {
      const error = await expectRejection(transport({ url: front.url }).start());
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error.message).to.contain('tvox.tls.ca');
    });

    it('reaches TVox through the proxy, which sees every request, description included', async () => {
      const made = transport({ proxy: { url: proxyUrl(), noProxy: [] } });
      await made.start();
      await openOne(made, 'proxied');
      const seen = proxy.requests.map((r) => `${r.method} ${r.target}`);
      expect(seen.slice(0, -1)).to.deep.equal(
        technology.descriptions.map((path) => `GET ${simulator.url}${path}`),
      );
      expect(seen.at(-1)).to.match(new RegExp(`^POST ${simulator.url}/mc/cxf/`));
      expect(new Set(proxy.requests.map((r) => r.proxyAuthorization))).to.deep.equal(
        new Set([`Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`]),
      );
    });

    it('tunnels to an HTTPS TVox through the proxy, with TLS end to end', async () => {
      const made = transport({ url: front.url, tls: mutualTls(), proxy: { url: proxyUrl() } });
      await made.start();
      await openOne(made, 'tunnelled');
      const tunnels = new Set(proxy.requests.map((r) => `${r.method} ${r.target}`));
      expect(tunnels).to.deep.equal(new Set([`CONNECT ${front.url.replace('https://', '')}`]));
      expect(front.requests.every((r) => r.clientName === 'connector')).to.equal(true);
    });

    it('bypasses the proxy for the hosts of noProxy', async () => {
      const made = transport({ proxy: { url: proxyUrl(), noProxy: ['127.0.0.1'] } });
      await made.start();
      await openOne(made, 'direct');
      expect(proxy.requests).to.deep.equal([]);
    });

    it('never writes the proxy credentials to a log, even when the proxy refuses them', async () => {
      const lines: string[] = [];
      const logger = recordingLogger(lines);
      const wrong = proxyUrl('wrong-pa55word');
      const made = transport({ proxy: { url: wrong } }, logger);
      const error = await expectRejection(made.start());
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error.message).to.contain('tvox.proxy.url');
      // What the connector logs around such a failure: the error, and the settings it ran with.
      logger.error({ err: error, tvox: { proxy: { url: wrong } } }, 'cannot reach TVox');
      const good = transport({ proxy: { url: proxyUrl() } }, logger);
      await good.start();
      await openOne(good, 'logged');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const text = lines.join('');
      expect(text).to.contain('cannot reach TVox').and.to.contain('[redacted]');
      for (const secret of ['wrong-pa55word', PROXY_PASSWORD]) {
        expect(text).to.not.contain(secret);
        expect(text).to.not.contain(Buffer.from(`${PROXY_USER}:${secret}`).toString('base64'));
      }
    });
  });
}
