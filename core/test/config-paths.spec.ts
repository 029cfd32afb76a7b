import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import {
  ConfigError,
  channelPath,
  parseConnectorConfig,
  parseSection,
  withChannelIds,
} from '@tvox-connector/core';

describe('configuration paths', () => {
  it('names a channel by its id, in one dotted notation', () => {
    expect(channelPath('telegram', 'settings', 'botToken')).to.equal(
      'channels.telegram.settings.botToken',
    );
    expect(channelPath('web')).to.equal('channels.web');
  });

  it('lists a section’s problems below its path', () => {
    const Settings = z.strictObject({ token: z.string().min(8), retries: z.int().default(3) });
    expect(parseSection(Settings, { token: 'long-enough' }, 'channels.tg.settings')).to.deep.equal({
      token: 'long-enough',
      retries: 3,
    });
    try {
      parseSection(Settings, { token: 'short', extra: 1 }, 'channels.tg.settings');
      expect.fail('expected a ConfigError');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.issues.map((issue) => issue.path)).to.have.members([
        'channels.tg.settings.token',
        'channels.tg.settings',
      ]);
    }
  });

  it('names the channels of the connector’s own problems by id', () => {
    try {
      parseConnectorConfig({
        connectorCode: 'CONN',
        transport: 'rest',
        tvox: { url: 'http://tvox.example', auth: { kind: 'basic', password: 'p' } },
        channels: [{ id: 'web', adapter: 'webchat' }],
      });
      expect.fail('expected a ConfigError');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.issues.map((issue) => issue.path)).to.include('channels.web.serviceCode');
    }
  });

  it('keeps the index of a channel whose id is missing, invalid or shared, and touches nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('web', 'tg', 'Bad Id', ''), { nil: undefined }), {
          maxLength: 4,
        }),
        fc.array(fc.tuple(fc.nat({ max: 5 }), fc.constantFrom('id', 'serviceCode', '')), {
          maxLength: 6,
        }),
        fc.constantFrom('tvox.url', 'channels', 'channelsx.0.id'),
        (ids, problems, other) => {
          const written = { channels: ids.map((id) => (id === undefined ? {} : { id })) };
          const issues = [
            ...problems.map(([index, name]) => ({
              path: ['channels', String(index), name].filter((p) => p !== '').join('.'),
              message: 'm',
            })),
            { path: other, message: 'm' },
          ];
          const named = withChannelIds(issues, written);
          expect(named.at(-1)).to.deep.equal({ path: other, message: 'm' });
          problems.forEach(([index, name], i) => {
            const id = ids[index];
            const unique = id !== undefined && ids.filter((o) => o === id).length === 1;
            const nameable = unique && (id === 'web' || id === 'tg');
            const expected = nameable ? channelPath(id, name) : issues[i]?.path;
            expect(named[i]?.path).to.equal(expected);
          });
        },
      ),
    );
  });
});
