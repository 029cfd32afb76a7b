import { expect } from 'chai';
import {
  ConfigError,
  parseConnectorConfig,
  renderNotice,
  NoticesConfig,
} from '@tvox-connector/core';

const minimal = {
  connectorCode: 'CONN1',
  tvox: { url: 'http://tvox.example' },
  channels: [{ id: 'webchat', adapter: 'webchat', serviceCode: 'SUPPORT' }],
};

function problems(input: unknown): string[] {
  try {
    parseConnectorConfig(input);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  expect.fail('the configuration should have been refused');
}

describe('connector config', () => {
  it('fills in working defaults for a minimal config: REST, poll, SQLite', () => {
    const config = parseConnectorConfig(minimal);
    expect(config.transport).to.equal('rest');
    expect(config.events).to.deep.equal({ mode: 'poll', intervalMs: 1000, max: 100 });
    expect(config.store).to.deep.equal({
      kind: 'sqlite',
      path: 'data/tvox-connector.db',
      synchronous: 'FULL',
      busyTimeoutMs: 5000,
    });
    expect(config.tvox).to.deep.include({
      auth: { kind: 'none' },
      timeoutMs: 10_000,
      maxConnections: 16,
    });
    expect(config.relay.maxAttempts).to.equal(25);
    expect(config.server).to.deep.include({ host: '127.0.0.1', port: 8080 });
    expect(config.channels[0]).to.deep.include({ entryPoints: {}, settings: {} });
    expect(config.log.level).to.equal('info');
  });

  it('picks the transport and the store from config alone', () => {
    const config = parseConnectorConfig({
      ...minimal,
      transport: 'soap',
      tvox: { url: 'http://tvox.example', auth: { kind: 'wsse', password: 'secret' } },
      store: { kind: 'postgres', url: 'postgres://tvox@db/tvox' },
    });
    expect(config.transport).to.equal('soap');
    expect(config.store).to.deep.equal({
      kind: 'postgres',
      url: 'postgres://tvox@db/tvox',
      schema: 'public',
      pool: { max: 10, idleTimeoutMs: 10_000 },
      connectionTimeoutMs: 5_000,
    });
  });

  it('lists every problem of the shape at once, with paths', () => {
    expect(
      problems({
        transport: 'grpc',
        tvox: { url: 'tvox.example', timeoutMs: -1 },
        channels: [{ id: 'Web Chat', adapter: 'webchat' }],
        store: { kind: 'postgres', url: 'mysql://x' },
      }),
    ).to.have.members([
      'connectorCode: required',
      'transport: Invalid option: expected one of "soap"|"rest"',
      'tvox.url: expected an absolute http(s) URL',
      'tvox.timeoutMs: Too small: expected number to be >0',
      'channels.0.id: expected lower-case letters, digits and dashes, e.g. "webchat"',
      'channels.0.serviceCode: required',
      'store.url: expected a postgres:// connection string',
    ]);
  });

  it('refuses a key it does not know anywhere, naming the one meant', () => {
    expect(
      problems({
        ...minimal,
        trasport: 'soap',
        tvox: { urll: 'http://tvox.example', auth: { kind: 'none', passwrd: 'x' } },
        server: { port: 8080, bodyLimit: 1 },
        channels: [{ ...minimal.channels[0], servicecode: 'S' }],
        notices: { templates: { en: { queud: 'x' } } },
      }),
    ).to.have.members([
      ': setting "trasport" is not known here; did you mean "transport"?',
      'tvox: setting "urll" is not known here; did you mean "url"?',
      'tvox.url: required',
      'tvox.auth: setting "passwrd" is not known here; known: kind',
      'server: setting "bodyLimit" is not known here; did you mean "bodyLimitBytes"?',
      'channels.webchat: setting "servicecode" is not known here; did you mean "serviceCode"?',
      'notices.templates.en: setting "queud" is not known here; did you mean "queued"?',
    ]);
  });

  it('takes a store section without its kind for the default store, SQLite', () => {
    const config = parseConnectorConfig({ ...minimal, store: { path: 'elsewhere.db' } });
    expect(config.store).to.deep.include({ kind: 'sqlite', path: 'elsewhere.db' });
  });

  it('checks settings that depend on each other', () => {
    expect(
      problems({
        ...minimal,
        channels: [...minimal.channels, ...minimal.channels],
        tvox: { url: 'http://tvox.example', auth: { kind: 'wsse', password: 'x' } },
        events: { mode: 'push', auth: { kind: 'hmac', secret: 'a-long-enough-secret' } },
        relay: { initialDelayMs: 5000, maxDelayMs: 1000 },
      }),
    ).to.have.members([
      'channels.1.id: channel id "webchat" is used twice; give each channel its own id',
      'tvox.auth.kind: WS-Security (wsse) works with the SOAP transport only; use "basic" for REST',
      'events.callbackUrl: push mode needs events.callbackUrl or server.publicUrl so TVox knows where to call',
      'relay.initialDelayMs: must not exceed relay.maxDelayMs',
    ]);
  });

  it('refuses a short HMAC secret for the callback', () => {
    expect(
      problems({
        ...minimal,
        events: {
          mode: 'push',
          callbackUrl: 'http://c.example/cb',
          auth: { kind: 'hmac', secret: 'short' },
        },
      }),
    ).to.deep.equal(['events.auth.secret: use a secret of at least 16 characters']);
  });

  it('never echoes a secret in its error', () => {
    const secret = 'tvox-password-that-must-not-leak';
    try {
      parseConnectorConfig({
        ...minimal,
        tvox: { url: 'nope', auth: { kind: 'basic', password: secret } },
      });
      expect.fail('should throw');
    } catch (error) {
      expect((error as Error).message).not.to.contain(secret);
    }
  });
});

describe('notice templates', () => {
  const notices: NoticesConfig = {
    defaultLocale: 'en',
    templates: { it: { closed: 'Chat chiusa.' }, de: { agentJoined: '{agentName} ist da.' } },
  };

  it('names the agent in the customer language, falling back from region to language', () => {
    expect(renderNotice(notices, 'agentJoined', 'it-IT', 'Giulia')).to.equal(
      'Giulia è entrato nella conversazione.',
    );
    expect(renderNotice(notices, 'agentJoined', 'pt_BR', 'Ana')).to.equal(
      'Ana has joined the conversation.',
    );
    expect(renderNotice(notices, 'agentJoined', 'de', 'Jan')).to.equal('Jan ist da.');
  });

  it('lets config override one template and keeps the others', () => {
    expect(renderNotice(notices, 'closed', 'it', undefined)).to.equal('Chat chiusa.');
    expect(renderNotice(notices, 'queued', 'it', undefined)).to.match(/^Grazie/);
  });

  it('says "an agent" when TVox sends no name', () => {
    expect(renderNotice(notices, 'agentJoined', undefined, undefined)).to.equal(
      'An agent has joined the conversation.',
    );
  });

  it('sends nothing for a change without a template, or one set empty', () => {
    expect(renderNotice(notices, 'offered', 'en', 'Giulia')).to.equal(undefined);
    expect(
      renderNotice(
        { defaultLocale: 'en', templates: { en: { queued: '' } } },
        'queued',
        'en',
        undefined,
      ),
    ).to.equal(undefined);
  });

  it('refuses a placeholder notices do not have when the config is read, naming the template', () => {
    const error = (() => {
      try {
        NoticesConfig.parse({ templates: { it: { agentJoined: '{agent} è qui.' } } });
        return undefined;
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error?.message).to.contain('unknown variable {agent}').and.contain('{agentName}');
    expect(
      renderNotice(
        NoticesConfig.parse({ templates: { en: { closed: 'Closed {{ref}} by {agentName}.' } } }),
        'closed',
        'en',
        'Giulia',
      ),
    ).to.equal('Closed {ref} by Giulia.');
  });
});
