import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { ContractMismatchError, loadProfile, type TransportConfig } from '@tvox-connector/core';
import { parse } from 'yaml';
import {
  CONTRACT_FILES,
  MCC_CONTRACT_FILES,
  startSimulator,
  type RunningSimulator,
} from '@tvox-connector/simulator';
import { expectRejection } from '@tvox-connector/testkit';
import {
  bindRoutes,
  createRestTransport,
  inspectWadl,
  readWadl,
} from '@tvox-connector/transport-rest';

const RELEASE_IDS: Record<string, string> = {
  openSession: 'createSession',
  sendMessage: 'postMessage',
  closeSession: 'endSession',
  getSessionStatus: 'querySessionStatus',
  pollEvents: 'fetchEvents',
  ackEvents: 'confirmEvents',
};

/** The reference WADL with the method ids another release might use. */
function releaseWadl(): string {
  let wadl = readFileSync(CONTRACT_FILES.wadl, 'utf8');
  for (const [ours, theirs] of Object.entries(RELEASE_IDS))
    wadl = wadl.replace(`id="${ours}"`, `id="${theirs}"`);
  return wadl;
}

describe('REST transport', () => {
  let simulator: RunningSimulator;
  let folder: string;

  const config = (overrides: Partial<TransportConfig['tvox']> = {}): TransportConfig => ({
    connectorCode: 'C1',
    tvox: {
      url: simulator.url,
      auth: { kind: 'none' },
      timeoutMs: 2_000,
      connectTimeoutMs: 1_000,
      maxConnections: 2,
      ...overrides,
    },
    events: { mode: 'poll', intervalMs: 50, max: 10 },
  });

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'C1' }],
    });
    folder = mkdtempSync(join(tmpdir(), 'tvox-rest-'));
  });

  after(async () => {
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('driven by the WADL', () => {
    it('routes commands by the method ids a release uses, through the profile only', async () => {
      const wadlFile = join(folder, 'release.wadl');
      writeFileSync(wadlFile, releaseWadl());
      const profileFile = join(folder, 'profile.yaml');
      writeFileSync(
        profileFile,
        `name: release\nextends: tvox-mc-relay\noperations:\n${Object.entries(RELEASE_IDS)
          .map(([ours, theirs]) => `  ${ours}: { operation: ${theirs} }`)
          .join('\n')}\n`,
      );
      const transport = createRestTransport(
        config({ description: wadlFile, profile: profileFile }),
      );
      await transport.start();
      const { sessionId } = await transport.openSession({
        request: { id: 'release-1' },
        session: { id: 's-release-1', serviceCode: 'SUPPORT' },
        channel: { id: 'webchat' },
        conversation: { id: 'w1' },
        contact: { id: 'u1' },
      });
      expect((await transport.getSessionStatus({ session: { id: sessionId } })).status).to.equal(
        'QUEUED',
      );
      // Started again (a relay reconnecting), it reads the same file, not a profile named "release".
      await transport.start();
      expect(transport.operations.has('sendMessage')).to.equal(true);
      await transport.stop();
    });

    it('fails to start with every gap listed when the WADL lacks what the map names', async () => {
      const wadlFile = join(folder, 'release-only.wadl');
      writeFileSync(wadlFile, releaseWadl());
      const transport = createRestTransport(config({ description: wadlFile }));
      const error = await expectRejection(transport.start());
      if (!(error instanceof ContractMismatchError))
        return expect.fail(`expected a mismatch, got ${error.message}`);
      const gaps = error.gaps.map((g) => `${g.command}:${g.expected}`);
      expect(gaps).to.have.members(
        Object.keys(RELEASE_IDS).map((command) => `${command}:${command}`),
      );
      expect(error.message).to.contain('tvox-connector inspect');
      await transport.stop();
    });

    it('refuses a profile that is not valid, naming the file and the field', async () => {
      const profileFile = join(folder, 'bad-profile.yaml');
      writeFileSync(
        profileFile,
        'name: bad\nextends: tvox-mc-relay\noperations:\n  openSession: { operation: "" }\n',
      );
      const error = await expectRejection(
        createRestTransport(config({ profile: profileFile })).start(),
      );
      expect(error).to.have.property('code', 'TVOX_ERR_CONFIG');
      expect(error.message)
        .to.contain('bad-profile.yaml')
        .and.contain('operations.openSession.operation');
    });
  });

  describe('a WADL whose methods have no ids (CXF’s default)', () => {
    it('finds each operation by the profile’s path and verb, or by its last path step', async () => {
      const wadl = readWadl(
        readFileSync(MCC_CONTRACT_FILES.wadl, 'utf8').replace(/ id="[^"]*"/g, ''),
      );
      expect(wadl.methods.every((m) => m.id === undefined)).to.equal(true);
      const bound = bindRoutes(await loadProfile('mcc-1.0'), wadl, '');
      if (!bound.ok) return expect.fail(`unexpected gaps: ${JSON.stringify(bound.gaps)}`);
      expect(bound.bindings.get('openSession')).to.deep.include({
        verb: 'GET',
        path: '/mc/cxf/rest/json/startSession',
      });
      expect([...bound.bindings.keys()]).to.have.members([
        'openSession',
        'closeSession',
        'getSessionStatus',
      ]);
      const file = join(folder, 'no-ids.wadl');
      writeFileSync(
        file,
        readFileSync(MCC_CONTRACT_FILES.wadl, 'utf8').replace(/ id="[^"]*"/g, ''),
      );
      const { skeleton } = await inspectWadl(file);
      expect(skeleton).to.contain('extends: mcc-1.0').and.not.contain('TODO');
    });
  });

  describe('parameters a release names differently', () => {
    it('takes a query parameter name from the profile, and checks it in the WADL', async () => {
      const wadl = readWadl(
        readFileSync(CONTRACT_FILES.wadl, 'utf8').replace('name="after"', 'name="since"'),
      );
      const relay = await loadProfile('tvox-mc-relay');
      const reference = bindRoutes(relay, wadl, '');
      expect(reference.ok).to.equal(false);
      const profileFile = join(folder, 'since.yaml');
      writeFileSync(
        profileFile,
        [
          'name: since',
          'extends: tvox-mc-relay',
          'operations:',
          '  pollEvents:',
          '    rest: { verb: GET, path: events, params: { connector: connectorCode, since: afterSequence, max: max } }',
        ].join('\n'),
      );
      const mapped = bindRoutes(await loadProfile(profileFile), wadl, '');
      if (!mapped.ok) return expect.fail(`unexpected gaps: ${JSON.stringify(mapped.gaps)}`);
      expect(mapped.bindings.get('pollEvents')?.queryParams).to.deep.equal({
        connectorCode: 'connector',
        afterSequence: 'since',
        max: 'max',
      });
    });
  });

  describe('answers that are not the contract', () => {
    it('treats an error page on a 4xx as a permanent HTTP failure, not a garbled answer to retry', async () => {
      const server = createServer((_request, response) => {
        response.writeHead(400, { 'content-type': 'text/html' }).end('<html>Bad Request</html>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const transport = createRestTransport(config({ url, description: CONTRACT_FILES.wadl }));
      try {
        await transport.start();
        const error = await expectRejection(
          transport.sendMessage({
            session: { id: 's' },
            message: { id: 'm', text: 'hi', sentAt: new Date().toISOString() },
          }),
        );
        expect(error).to.include({
          code: 'TVOX_ERR_TRANSPORT_CALL_FAILED',
          kind: 'http-status',
          status: 400,
          retryable: false,
        });
      } finally {
        await transport.stop();
        server.close();
      }
    });
  });

  describe('inspectWadl', () => {
    it('lists the methods and writes a profile skeleton that extends the matching profile', async () => {
      const inspection = await inspectWadl(`${simulator.url}/mc/cxf/rest?_wadl`);
      expect(inspection.methods.map((m) => m.id)).to.have.members(Object.keys(RELEASE_IDS));
      expect(inspection.skeleton).to.contain('openSession: # openSession: POST /sessions');
      expect(inspection.skeleton).to.contain(
        'pollEvents: # pollEvents: GET /events?connector&after&max',
      );
      expect(parse(inspection.skeleton)).to.include({ extends: 'tvox-mc-relay' });
    });

    it('marks an operation the release names otherwise, listing the candidates', async () => {
      const file = join(folder, 'inspect.wadl');
      writeFileSync(file, releaseWadl());
      const { skeleton } = await inspectWadl(file);
      expect(skeleton).to.match(
        /openSession: null # TODO: no openSession here; choose one of .*createSession/,
      );
      expect(skeleton).to.contain('confirmEvents');
    });
  });

  describe('readWadl', () => {
    it('reads nested resources, templates and query parameters', () => {
      const wadl = readWadl(readFileSync(CONTRACT_FILES.wadl, 'utf8'));
      const status = wadl.methods.find((m) => m.id === 'getSessionStatus');
      expect(status).to.deep.include({ verb: 'GET', path: '/sessions/{id}/status' });
      expect(status?.templateParams).to.include('id');
      expect(status?.queryParams).to.include('connector');
    });

    it('refuses DTDs and documents that are not WADL', () => {
      expect(() => readWadl('<!DOCTYPE x [<!ENTITY e "x">]><application/>')).to.throw(/DTD/);
      expect(() => readWadl('<definitions/>')).to.throw(/not a WADL/);
    });

    it('never throws anything but an Error on arbitrary input (property)', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          try {
            readWadl(text);
          } catch (error) {
            expect(error).to.be.instanceOf(Error);
          }
        }),
      );
    });
  });
});
