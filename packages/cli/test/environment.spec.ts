import { ConfigError } from '@tvox-connector/core';
import { applyEnvironmentOverrides, interpolateEnvironment } from '@tvox-connector/cli';
import { expect } from 'chai';
import fc from 'fast-check';

describe('configuration from the environment', () => {
  it('resolves ${VAR} and ${VAR:-default} in every string, leaving the input unchanged', () => {
    const file = {
      tvox: { url: 'http://${HOST}:${PORT:-8090}', auth: { password: '${SECRET}' } },
      channels: [{ settings: { token: 'x-${SECRET}' } }],
      server: { port: 8080 },
    };
    const resolved = interpolateEnvironment(file, { HOST: 'tvox', SECRET: 's3cret' });
    expect(resolved).to.deep.equal({
      tvox: { url: 'http://tvox:8090', auth: { password: 's3cret' } },
      channels: [{ settings: { token: 'x-s3cret' } }],
      server: { port: 8080 },
    });
    expect(file.tvox.auth.password).to.equal('${SECRET}');
  });

  it('lists every unset variable with the setting that needs it', () => {
    try {
      interpolateEnvironment({ a: '${ONE}', b: [{ c: '${TWO}' }] }, {});
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).issues.map((i) => i.path)).to.deep.equal(['a', 'b.0.c']);
      expect((error as ConfigError).message).to.include('TWO');
    }
  });

  it('applies TVOX_CONNECTOR_* overrides by path, read as YAML scalars', () => {
    const file = {
      tvox: { url: 'http://a', auth: { kind: 'basic' } },
      channels: [{ serviceCode: 'A' }],
    };
    const result = applyEnvironmentOverrides(file, {
      TVOX_CONNECTOR_TVOX__AUTH__PASSWORD: 'from-env',
      TVOX_CONNECTOR_CHANNELS__0__SERVICE_CODE: 'SALES',
      TVOX_CONNECTOR_SERVER__PORT: '9090',
      TVOX_CONNECTOR_EVENTS__MODE: 'poll',
      TVOX_CONNECTOR_CHANNELS__1__SETTINGS__SECRET: 's',
      TVOX_CONNECTOR_CONFIG: 'connector.yaml',
      OTHER_VARIABLE: 'ignored',
    });
    expect(result).to.deep.equal({
      tvox: { url: 'http://a', auth: { kind: 'basic', password: 'from-env' } },
      channels: [{ serviceCode: 'SALES' }, { settings: { secret: 's' } }],
      server: { port: 9090 },
      events: { mode: 'poll' },
    });
    expect(file.tvox.auth).to.deep.equal({ kind: 'basic' });
  });

  it('never throws on any environment, and leaves a config without overrides as it was', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), fc.jsonValue(), (env, config) => {
        const plain = Object.fromEntries(
          Object.entries(env).filter(([name]) => !name.startsWith('TVOX_CONNECTOR_')),
        );
        const result = applyEnvironmentOverrides(config, plain);
        if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
          expect(result).to.deep.equal(config);
        }
        applyEnvironmentOverrides(config, env);
      }),
    );
  });
});
