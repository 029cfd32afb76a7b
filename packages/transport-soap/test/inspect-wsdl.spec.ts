import { join } from 'node:path';
import {
  OperationMap,
  REFERENCE_OPERATION_MAP,
  TransportCallError,
  loadOperationMap,
} from '@tvox-connector/core';
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
    expect(inspection.operations[4]?.output).to.include('events[].attachments[].contentType');
  });

  it('writes a skeleton that is the reference map for the reference WSDL', async () => {
    const { skeleton } = await inspectWsdl(CONTRACT_FILES.wsdl);
    expect(OperationMap.parse(parse(skeleton))).to.deep.equal({
      ...REFERENCE_OPERATION_MAP,
      namespace: 'http://mc.tvox-connector.org/',
      operations: Object.fromEntries(
        Object.keys(REFERENCE_OPERATION_MAP.operations).map((name) => [
          name,
          { operation: name, input: {}, output: {} },
        ]),
      ),
    });
  });

  it('matches another release’s operations by their fields and guesses the renames', async () => {
    const { skeleton } = await inspectWsdl(join(FIXTURES, 'tvox-mc-alt.wsdl'));
    expect(skeleton).to.contain('operation: createSession # similar fields');
    expect(skeleton).to.contain("'channelSessionId': 'externalId' # guessed: check it");
    expect(skeleton).to.contain('# notifyEvents: no match in this WSDL');
    const written = await loadOperationMap(join(FIXTURES, 'tvox-mc-alt.map.yaml'));
    const guessed = OperationMap.parse(parse(skeleton));
    for (const [name, mapping] of Object.entries(written.operations)) {
      if (name === 'notifyEvents') continue;
      expect(guessed.operations[name as keyof typeof written.operations], name).to.deep.equal(
        mapping,
      );
    }
    expect(guessed.namespace).to.equal(written.namespace);
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
