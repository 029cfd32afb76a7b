import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadTlsMaterial, parseConnectorConfig, TvoxTls } from '@tvox-connector/core';

const minimal = {
  connectorCode: 'CONN1',
  channels: [{ id: 'webchat', adapter: 'webchat', serviceCode: 'SUPPORT' }],
};

/** The problems `attempt` throws as a `ConfigError`, one `path: message` line each. */
function problems(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  expect.fail('the configuration should have been refused');
}

const withTvox = (tvox: Record<string, unknown>) => () =>
  parseConnectorConfig({ ...minimal, tvox: { url: 'https://tvox.example', ...tvox } });

describe('tvox.tls and tvox.proxy settings', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-tls-config-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('verifies certificates unless told otherwise, and takes no proxy by default', () => {
    const { tvox } = parseConnectorConfig({ ...minimal, tvox: { url: 'https://t', tls: {} } });
    expect(tvox.tls).to.deep.equal({ rejectUnauthorized: true });
    expect(tvox.proxy).to.equal(undefined);
    const proxied = withTvox({ proxy: { url: 'http://proxy.internal:3128' } })();
    expect(proxied.tvox.proxy).to.deep.equal({ url: 'http://proxy.internal:3128', noProxy: [] });
  });

  it('refuses a client certificate without its key, and a key without its certificate', () => {
    expect(problems(withTvox({ tls: { cert: 'client.crt' } }))).to.deep.equal([
      'tvox.tls.key: a client certificate needs both cert and key: set the missing one, or neither',
    ]);
    expect(problems(withTvox({ tls: { key: 'client.key' } }))).to.deep.equal([
      'tvox.tls.cert: a client certificate needs both cert and key: set the missing one, or neither',
    ]);
  });

  it('refuses unknown keys of tls and proxy rather than ignoring them', () => {
    const found = problems(
      withTvox({ tls: { cafile: 'ca.pem' }, proxy: { url: 'http://p:3128', noproxy: ['x'] } }),
    );
    expect(found).to.have.length(2);
    expect(found[0]).to.match(/^tvox\.tls: .*cafile/);
    expect(found[1]).to.match(/^tvox\.proxy: .*noproxy/);
  });

  it('refuses a proxy that is not an http(s) URL, without echoing it', () => {
    const found = problems(withTvox({ proxy: { url: 'socks5://user:s3cret@proxy:1080' } }));
    expect(found).to.deep.equal(['tvox.proxy.url: expected an absolute http(s) URL']);
  });

  it('names the setting and the file of every TLS file it cannot read', () => {
    const tls = TvoxTls.parse({
      ca: join(folder, 'missing-ca.pem'),
      cert: join(folder, 'missing.crt'),
      key: join(folder, 'missing.key'),
    });
    const found = problems(() => loadTlsMaterial(tls));
    expect(found).to.have.length(3);
    expect(found[0]).to.match(/^tvox\.tls\.ca: cannot read .*missing-ca\.pem: ENOENT/);
    expect(found[1]).to.match(/^tvox\.tls\.cert: cannot read .*missing\.crt/);
    expect(found[2]).to.match(/^tvox\.tls\.key: cannot read .*missing\.key/);
  });

  it('refuses a CA file that holds no certificate, naming the setting but not the content', () => {
    const file = join(folder, 'not-a-ca.pem');
    writeFileSync(
      file,
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n',
    );
    const found = problems(() => loadTlsMaterial(TvoxTls.parse({ ca: file })));
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^tvox\.tls\.ca: certificate 1 is unusable/);
    expect(found[0]).to.not.contain('bm90IGEgY2VydGlmaWNhdGU');
  });
});
