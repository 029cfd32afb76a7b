import { Writable } from 'node:stream';
import { REDACTED, createLogger, redactSecrets } from '@tvox-connector/cli';
import { expect } from 'chai';

describe('secrets never reach a log', () => {
  it('follows an error’s cause chain, redacting each cause', () => {
    const root = Object.assign(new Error('GET http://user:db-pass@db failed'), { token: 't0k' });
    const outer = new Error('the call failed', { cause: root });
    const redacted = redactSecrets({ err: outer }) as { err: { cause: Record<string, unknown> } };
    expect(redacted.err.cause).to.deep.include({ type: 'Error', token: REDACTED });
    expect(JSON.stringify(redacted)).to.not.include('db-pass').and.not.include('t0k');
  });

  it('replaces fields named like secrets at any depth, and passwords in URLs', () => {
    const fields = {
      config: {
        tvox: {
          url: 'http://tvox',
          auth: { kind: 'basic', password: 'p4ss' },
          sessionIdKey: 'a-deployment-key-0123456789',
          proxy: { url: 'http://proxy-user:proxy-pass@proxy:3128', noProxy: ['tvox'] },
          tls: { key: 'tvox-client.key', passphrase: 'key-pass' },
        },
        inlineKey:
          '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n',
        proxies: ['http://:only-a-password@proxy:3128', 'http://proxy.internal:3128/path'],
        store: { url: 'postgres://app:db-pass@db:5432/tvox' },
        channels: [{ settings: { botToken: '1:abc', fileLinks: { secret: 'x'.repeat(32) } } }],
      },
      headers: {
        authorization: 'Basic abc',
        'x-telegram-bot-api-secret-token': 'tok',
        accept: '*/*',
      },
      apiKey: 'k',
      sessionId: 's1',
      link: 'https://c.example/webhooks/tg/file?token=abc.def&x=1',
    };
    expect(redactSecrets(fields)).to.deep.equal({
      config: {
        tvox: {
          url: 'http://tvox',
          auth: { kind: 'basic', password: REDACTED },
          sessionIdKey: REDACTED,
          proxy: { url: `http://proxy-user:${REDACTED}@proxy:3128`, noProxy: ['tvox'] },
          tls: { key: 'tvox-client.key', passphrase: REDACTED },
        },
        inlineKey: `${REDACTED}\n`,
        proxies: [`http://:${REDACTED}@proxy:3128`, 'http://proxy.internal:3128/path'],
        store: { url: `postgres://app:${REDACTED}@db:5432/tvox` },
        channels: [{ settings: { botToken: REDACTED, fileLinks: { secret: REDACTED } } }],
      },
      headers: {
        authorization: REDACTED,
        'x-telegram-bot-api-secret-token': REDACTED,
        accept: '*/*',
      },
      apiKey: REDACTED,
      sessionId: 's1',
      link: `https://c.example/webhooks/tg/file?token=${REDACTED}&x=1`,
    });
    expect(fields.config.tvox.auth.password, 'the logged object is not changed').to.equal('p4ss');
  });

  it('masks secret query parameters with dotted names, as Meta’s webhook handshake sends them', () => {
    expect(
      redactSecrets(
        '/webhooks/fb?hub.mode=subscribe&hub.verify_token=tvox-verify-token-42&hub.challenge=1158201444',
      ),
    ).to.equal(
      `/webhooks/fb?hub.mode=subscribe&hub.verify_token=${REDACTED}&hub.challenge=1158201444`,
    );
  });

  it('writes JSON lines without the secrets of fields, bindings and errors', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((l) => l !== ''),
        );
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const error = Object.assign(new Error('cannot reach postgres://u:hunter2@db/x'), {
      password: 'hunter2',
    });
    logger
      .child({ token: 'child-token', requestId: 'r1' })
      .warn({ err: error, password: 'hunter2', messageId: 'm1' }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = lines.join('\n');
    expect(text).to.not.include('hunter2');
    expect(text).to.not.include('child-token');
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).to.deep.include({ requestId: 'r1', messageId: 'm1', msg: 'failed', level: 40 });
    expect(line.err).to.deep.include({ type: 'Error', password: REDACTED });
  });

  it("names an error's objects of a class by their class only: a database client's keys stay out", () => {
    class Client {
      readonly processID = 4242;
      readonly secretKey = 987654321;
    }
    const error = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      client: new Client(),
      detail: { table: 'jobs' },
    });
    const logged = redactSecrets({ err: error }) as { err: Record<string, unknown> };
    expect(logged.err).to.deep.include({
      type: 'Error',
      code: '57P01',
      client: '[Client]',
      detail: { table: 'jobs' },
    });
    expect(JSON.stringify(logged)).to.not.match(/4242|987654321/);
  });
});
