import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, TransportCallError, loadProfile } from '@tvox-connector/core';
import { CONTRACT_FILES, publishContract } from '@tvox-connector/simulator';
import { expectRejection } from '@tvox-connector/testkit';
import { inspectWsdl } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { parse } from 'yaml';
import { FakeTvox } from './support/fake-tvox';

const FIXTURES = join(__dirname, 'fixtures');

describe('inspectWsdl', () => {
  it('lists the operations of the reference WSDL with their fields', async () => {
    const inspection = await inspectWsdl(CONTRACT_FILES.wsdl);
    expect(inspection.operations.map((o) => o.name)).to.deep.equal([
      'openSession',
      'sendMessage',
      'closeSession',
      'getSessionStatus',
      'pollEvents',
      'ackEvents',
      'notifyEvents',
    ]);
    const open = inspection.operations[0];
    expect(open).to.deep.include({
      service: 'MultichannelService',
      port: 'MultichannelPort',
      namespace: 'http://mc.tvox-connector.org/',
      outputWrapper: 'return',
    });
    expect(open?.input).to.include.members([
      'channelSessionId',
      'contact.displayName',
      'attributes',
    ]);
    expect(open?.output).to.deep.equal([
      'result',
      'errorCode',
      'errorMessage',
      'sessionId',
      'status',
    ]);
    expect(inspection.operations[4]?.output).to.include.members([
      'events[].sequence',
      'events[].statusChanged.status',
      'events[].agentMessage.attachments[].contentType',
      'events[].agentTyping.agentCode',
    ]);
  });

  /** Loads a skeleton as the profile it is, from a scratch file. */
  async function loadSkeleton(skeleton: string) {
    const scratch = mkdtempSync(join(tmpdir(), 'skeleton-'));
    const file = join(scratch, 'profile.yaml');
    writeFileSync(file, skeleton);
    try {
      return await loadProfile(file);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  it('writes a skeleton for the relay WSDL that extends the relay profile with nothing to decide', async () => {
    const { skeleton } = await inspectWsdl(CONTRACT_FILES.wsdl);
    expect(parse(skeleton)).to.include({ extends: 'tvox-mc-relay' });
    expect(skeleton).not.to.contain('TODO');
    const profile = await loadSkeleton(skeleton);
    expect(Object.keys(profile.operations)).to.have.length(7);
  });

  it('marks what is left to decide for a release with other names, listing the candidates', async () => {
    const { skeleton } = await inspectWsdl(join(FIXTURES, 'tvox-mc-alt.wsdl'));
    expect(skeleton).to.match(
      /openSession: null # TODO: no openSession here; choose one of .*createSession/,
    );
    expect(skeleton).to.contain('postMessage');
    // Until an operation that opens sessions is chosen, the skeleton does not load as a profile.
    const error = await expectRejection(loadSkeleton(skeleton));
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message).to.contain('operations.openSession');
  });

  it('reads a WSDL and its schema behind Basic credentials', async () => {
    const authorization = `Basic ${Buffer.from('C1:secret').toString('base64')}`;
    const fake = await new FakeTvox(
      { wsdl: (url) => publishContract(url).wsdl, xsd: (url) => publishContract(url).xsd },
      authorization,
    ).start();
    try {
      const source = `${fake.url}/mc/cxf/soap?wsdl`;
      const error = await expectRejection(inspectWsdl(source));
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ status: 401 });
      expect((await inspectWsdl(source, { authorization })).operations).to.have.length(7);
    } finally {
      await fake.stop();
    }
  });
});
