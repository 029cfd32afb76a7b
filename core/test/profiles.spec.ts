import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  InvalidInputError,
  PROFILES_DIR,
  encodeRequest,
  loadProfile,
  modeOf,
  profileJsonSchema,
  type CompiledProfile,
} from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';

/** TVox's public MCC documentation 1.0.1: the parameters of startSession and its answer. */
const DOCUMENTED_START_SESSION = [
  'channelId',
  'serviceid',
  'sessionId',
  'data',
  'description',
  'contactId',
  'contactValue',
];
const DOCUMENTED_FAIL_REASONS = [
  'GENERIC',
  'INVALID_CHANNEL_ID',
  'NO_LICENSE',
  'UNKNOWN_CHANNEL_ID',
];

describe('contract profiles', () => {
  let folder: string;
  const write = (name: string, yaml: string): string => {
    const file = join(folder, name);
    writeFileSync(file, yaml);
    return file;
  };
  const issuesOf = async (file: string): Promise<string> => {
    const error = await expectRejection(loadProfile(file));
    expect(error).to.be.instanceOf(ConfigError);
    return error.message;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'profiles-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  describe('mcc-1.0, the documented TVox MCC', () => {
    let profile: CompiledProfile;
    before(async () => {
      profile = await loadProfile('mcc-1.0');
    });

    it('sends startSession with documented parameters only, none of ours', () => {
      const open = profile.operations.openSession;
      expect(open?.name).to.equal('startSession');
      expect(open?.guess).to.equal(false);
      // Every one, contactId included: the contact TVox answered before, kept by the connector.
      expect(open?.request.map((f) => f.path)).to.deep.equal(DOCUMENTED_START_SESSION);
      expect(open?.rest).to.deep.equal({ verb: 'GET', path: 'startSession' });
      expect(profile.restBase).to.equal('/mc/cxf/rest/json');
    });

    it('reads StartSessionResult and maps every documented fail reason to a meaning', () => {
      const failure = profile.operations.openSession?.failure;
      expect(failure).to.include({
        result: 'result',
        code: 'failReason',
        message: 'failReasonMessage',
      });
      expect(Object.keys(failure?.codes ?? {})).to.include.members(DOCUMENTED_FAIL_REASONS);
      expect(failure?.codes).to.include({
        NO_LICENSE: 'no-license',
        INVALID_CHANNEL_ID: 'invalid-channel',
        UNKNOWN_CHANNEL_ID: 'invalid-channel',
      });
    });

    it('marks closing and status as guesses, and has no message operations: routing mode', () => {
      expect(profile.operations.closeSession?.guess).to.equal(true);
      expect(profile.operations.getSessionStatus?.guess).to.equal(true);
      expect(profile.operations.sendMessage).to.equal(undefined);
      expect(modeOf(profile.operations)).to.equal('routing');
    });
  });

  it('tvox-mc-relay carries messages and events: relay mode', async () => {
    const relay = await loadProfile('tvox-mc-relay');
    expect(Object.keys(relay.operations)).to.have.length(7);
    expect(modeOf(relay.operations)).to.equal('relay');
  });

  it('ships a JSON Schema for editors that matches the zod schema (npm run schemas writes it)', () => {
    const shipped = JSON.parse(
      readFileSync(join(PROFILES_DIR, 'profile.schema.json'), 'utf8'),
    ) as unknown;
    expect(shipped).to.deep.equal(profileJsonSchema());
  });

  describe('a file of the operator’s', () => {
    it('extends a shipped profile, overriding key by key; null removes what the release lacks', async () => {
      const file = write(
        'release.yaml',
        [
          'name: release',
          'extends: mcc-1.0',
          'operations:',
          '  openSession:',
          "    request: { contactValue: null, data: '{channel.id}:{conversation.id}' }",
          '  closeSession: null',
        ].join('\n'),
      );
      const profile = await loadProfile(file);
      expect(profile.name).to.equal('release');
      expect(profile.operations.closeSession).to.equal(undefined);
      const paths = profile.operations.openSession?.request.map((f) => f.path);
      expect(paths).to.include('data').and.not.include('contactValue');
      expect(profile.operations.openSession?.name).to.equal('startSession');
    });

    it('refuses unknown keys, then unknown variables (with a suggestion) and answer fields', async () => {
      const file = write(
        'bad.yaml',
        [
          'name: bad',
          'extends: mcc-1.0',
          'operations:',
          '  openSession:',
          "    request: { channelId: '{chanel.tvoxChannelId}' }",
          '    answer: { sessionIdentifier: sessionId }',
          '    retries: 3',
        ].join('\n'),
      );
      const message = await issuesOf(file);
      expect(message).to.contain('retries');
      const fixed = write('bad.yaml', readFileSync(file, 'utf8').replace('\n    retries: 3', ''));
      const again = await issuesOf(fixed);
      expect(again)
        .to.contain('operations.openSession.request.channelId')
        .and.contain('did you mean "channel.tvoxChannelId"')
        .and.contain('operations.openSession.answer.sessionIdentifier');
    });

    it('names the file, and refuses profiles that extend each other in a circle', async () => {
      write('a.yaml', 'name: a\nextends: b.yaml\noperations: {}\n');
      write('b.yaml', 'name: b\nextends: a.yaml\noperations: {}\n');
      expect(await issuesOf(join(folder, 'a.yaml'))).to.contain('circle');
      expect(await issuesOf(join(folder, 'missing.yaml'))).to.contain('missing.yaml');
    });

    it('requires an operation that opens sessions, and events where a command carries them', async () => {
      const file = write(
        'empty.yaml',
        ['name: empty', 'operations:', '  pollEvents: { operation: poll }'].join('\n'),
      );
      const message = await issuesOf(file);
      expect(message)
        .to.contain('operations.openSession')
        .and.contain('operations.pollEvents.events');
    });
  });

  describe('values sent to the release', () => {
    it('sends an int field only for a whole number written plainly, else a typed error', async () => {
      const profile = await loadProfile('mcc-1.0');
      const open = profile.operations.openSession;
      if (!open) throw new Error('mcc-1.0 opens sessions');
      const variables = (tvoxChannelId: unknown) => ({
        session: { id: 's', serviceCode: 'SUPPORT' },
        channel: { id: 'webchat', tvoxChannelId },
      });
      expect(encodeRequest(open, variables(3)).fields).to.include({ channelId: 3 });
      expect(encodeRequest(open, variables('1003')).fields).to.include({ channelId: 1003 });
      expect(() => encodeRequest(open, variables(undefined)), 'required').to.throw(
        InvalidInputError,
        /channelId: the release requires it/,
      );
      for (const bad of ['1e3', '0x1A', true, '3.5']) {
        expect(() => encodeRequest(open, variables(bad)), String(bad)).to.throw(
          InvalidInputError,
          /expected an integer/,
        );
      }
    });

    it('refuses to send a typed field empty, and a YAML __proto__ key stays a (refused) key', async () => {
      const empty = write(
        'empty-int.yaml',
        [
          'name: empty-int',
          'extends: mcc-1.0',
          'operations:',
          '  openSession:',
          "    request: { channelId: { value: '{channel.tvoxChannelId}', type: int, whenMissing: empty } }",
        ].join('\n'),
      );
      expect(await issuesOf(empty)).to.contain('cannot be sent empty');
      const proto = write(
        'proto.yaml',
        'name: p\nextends: mcc-1.0\n__proto__: { polluted: true }\n',
      );
      expect(await issuesOf(proto)).to.contain('__proto__');
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    });
  });
});
