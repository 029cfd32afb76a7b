import { expect } from 'chai';
import fc from 'fast-check';
import {
  CONNECTOR_COMMANDS,
  ConfigError,
  applySessionInput,
  checkProfileFit,
  openedSessionState,
  parseConnectorConfig,
  resolveTvoxMode,
  type ConnectorCommand,
  type EventMode,
  type SessionStatus,
  type TvoxModeSetting,
} from '@tvox-connector/core';

const SETTINGS: readonly TvoxModeSetting[] = ['routing', 'relay', 'auto'];

/** The refusal `resolveTvoxMode` throws, or fails the test. */
function refusal(setting: TvoxModeSetting, operations: ConnectorCommand[], eventMode: EventMode) {
  try {
    resolveTvoxMode(setting, { profile: 'p', operations: new Set(operations), eventMode });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  expect.fail('the mode was resolved');
}

describe('tvox.mode', () => {
  it('defaults to auto in the configuration and takes only routing, relay or auto', () => {
    const base = {
      connectorCode: 'CONN',
      tvox: { url: 'http://127.0.0.1:9' },
      channels: [{ id: 'w', adapter: 'webchat', serviceCode: 'S' }],
    };
    expect(parseConnectorConfig(base).tvox.mode).to.equal('auto');
    expect(() => parseConnectorConfig({ ...base, tvox: { ...base.tvox, mode: 'both' } })).to.throw(
      ConfigError,
      /tvox\.mode/,
    );
  });

  it('resolves the documented MCC (startSession, status, close) to routing in auto and routing', () => {
    const mcc: ConnectorCommand[] = ['openSession', 'closeSession', 'getSessionStatus'];
    for (const setting of ['auto', 'routing'] as const)
      expect(
        resolveTvoxMode(setting, {
          profile: 'mcc-1.0',
          operations: new Set(mcc),
          eventMode: 'poll',
        }),
      ).to.equal('routing');
  });

  it('refuses relay forced on a routing-only release, naming tvox.mode and tvox.profile', () => {
    const error = refusal('relay', ['openSession', 'getSessionStatus'], 'poll');
    expect(error.issues[0]?.path).to.equal('tvox.mode');
    expect(error.message).to.include('tvox.mode: routing').and.to.include('tvox.profile');
  });

  it('refuses a release with messages it cannot receive the agents of, naming both fixes', () => {
    // It pushes its events only, and the connector polls.
    const pushOnly = refusal('auto', ['openSession', 'sendMessage', 'notifyEvents'], 'poll');
    expect(pushOnly.issues[0]?.path).to.equal('events.mode');
    expect(pushOnly.message).to.include('events.mode: push').and.to.include('tvox.mode: routing');
    // It has no event operation at all.
    const none = refusal('relay', ['openSession', 'sendMessage'], 'poll');
    expect(none.message).to.include('pollEvents').and.to.include('tvox.mode: routing');
  });

  it('resolves, for any release, to relay exactly when it sends and the connector receives; refuses only what it cannot serve', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SETTINGS),
        fc.subarray([...CONNECTOR_COMMANDS]),
        fc.constantFrom<EventMode>('poll', 'push'),
        (setting, commands, eventMode) => {
          const operations = new Set<ConnectorCommand>(['openSession', ...commands]);
          const sends = operations.has('sendMessage');
          const receives = operations.has(eventMode === 'poll' ? 'pollEvents' : 'notifyEvents');
          let mode: string;
          try {
            mode = resolveTvoxMode(setting, { profile: 'p', operations, eventMode });
          } catch (error) {
            expect(error).to.be.instanceOf(ConfigError);
            // Refused only when relay is asked of a release without messages, or messages
            // cannot come back.
            expect(setting).to.not.equal('routing');
            expect(setting === 'relay' ? !sends || !receives : sends && !receives).to.equal(true);
            return;
          }
          if (setting === 'routing') expect(mode).to.equal('routing');
          else expect(mode).to.equal(sends && receives ? 'relay' : 'routing');
        },
      ),
    );
  });

  it('is checked from the profile before start: mcc-1.0 runs routing, relay forced on it is refused', async () => {
    const channels = [
      {
        id: 'w',
        adapter: 'webchat',
        serviceCode: 'S',
        tvoxChannelId: 1,
        entryPoints: {},
        settings: {},
      },
    ];
    expect(await checkProfileFit('mcc-1.0', channels)).to.equal('routing');
    expect(await checkProfileFit('tvox-mc-relay', channels)).to.equal('relay');
    const error = await checkProfileFit('mcc-1.0', channels, 'relay').then(
      () => expect.fail('relay was accepted on mcc-1.0'),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ConfigError);
  });

  it('stays the session’s through every status it goes through', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('routing', 'relay' as const),
        fc.array(
          fc.constantFrom<SessionStatus>('QUEUED', 'BOOKED', 'ASSIGNED', 'CLOSED', 'UNKNOW'),
        ),
        (mode, statuses) => {
          let state = openedSessionState('NEW', mode);
          statuses.forEach((status, i) => {
            state = applySessionInput(state, {
              type: 'statusChanged',
              sequence: i + 1,
              status,
              agentCode: 'a1',
            }).state;
            expect(state.mode).to.equal(mode);
          });
        },
      ),
    );
  });
});
