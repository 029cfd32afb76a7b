import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractMismatchError, type TvoxEvent } from '@tvox-connector/core';
import { ReleaseNames, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually, expectRejection } from '@tvox-connector/testkit';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { request } from 'undici';
import { parse } from 'yaml';
import {
  AGENT,
  WSSE,
  openRequest,
  soapConfig,
  startTestSimulator,
} from './support/simulator-harness';

const FIXTURES = join(__dirname, 'fixtures');
const MAP_FILE = join(FIXTURES, 'tvox-mc-alt.map.yaml');
const PROFILE_FILE = join(FIXTURES, 'tvox-mc-alt.profile.yaml');
const NAMESPACE = 'http://ws.multichannel.tvox.example.com/v2/';

/** The gaps a `ContractMismatchError` lists; any other error fails the test. */
function gapsOf(error: Error): ContractMismatchError['gaps'] {
  if (!(error instanceof ContractMismatchError)) throw error;
  return error.gaps;
}

describe('SOAP transport against another TVox release, through a contract profile', function () {
  this.timeout(10_000);
  let simulator: RunningSimulator;
  let transports: SoapTransport[] = [];
  let scratch: string;

  const make = (overrides: Parameters<typeof soapConfig>[2] = {}) => {
    const transport = createSoapTransport(
      soapConfig(simulator.url, WSSE.code, {
        auth: { kind: 'wsse', password: WSSE.password },
        ...overrides,
      }),
    );
    transports.push(transport);
    return transport;
  };
  const writeMap = (name: string, yaml: string): string => {
    const file = join(scratch, name);
    writeFileSync(file, yaml);
    return file;
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'soap-release-'));
    simulator = await startTestSimulator({
      connectors: [WSSE],
      soapRelease: {
        wsdlFile: join(FIXTURES, 'tvox-mc-alt.wsdl'),
        xsdFile: join(FIXTURES, 'tvox-mc-alt.xsd'),
        operationMap: ReleaseNames.parse(parse(readFileSync(MAP_FILE, 'utf8'))),
      },
    });
  });

  beforeEach(async () => {
    await simulator.client.reset();
    await simulator.client.login(AGENT);
  });

  afterEach(async () => {
    await Promise.all(transports.map((t) => t.stop()));
    transports = [];
  });

  after(async () => {
    await simulator.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is served by the simulator with its own names and namespace', async () => {
    const wsdl = await (await request(`${simulator.url}/mc/cxf/soap?wsdl`)).body.text();
    expect(wsdl).to.contain(`targetNamespace="${NAMESPACE}"`).and.contain('name="createSession"');
    expect(wsdl).to.contain(`schemaLocation="${simulator.url}/mc/cxf/soap?xsd=1"`);
    expect(wsdl).not.to.contain('openSession');
  });

  it('drives a full session through the profile only', async () => {
    const transport = make({ profile: PROFILE_FILE });
    await transport.start();
    const received: TvoxEvent[] = [];
    await transport.subscribe(async (events) => {
      received.push(...events);
    });
    const { sessionId, status } = await transport.openSession({
      ...openRequest('alt1'),
      channel: { id: 'line' },
      contact: { id: 'alt1', displayName: 'Anna Rossi' },
    });
    expect(status).to.equal('BOOKED');
    const file = { name: 'a.png', contentType: 'image/png', size: 10, url: 'https://f.example/a' };
    await transport.sendMessage({
      session: { id: sessionId },
      message: {
        id: 'm1',
        text: 'Ciao',
        attachments: [file],
        sentAt: new Date().toISOString(),
      },
    });
    await simulator.client.accept(AGENT, sessionId);
    await simulator.client.reply(AGENT, sessionId, { text: 'Salve!', attachments: [file] });
    expect(await transport.getSessionStatus({ session: { id: sessionId } })).to.deep.equal({
      status: 'ASSIGNED',
    });
    await transport.closeSession({ session: { id: sessionId }, close: { reason: 'done' } });
    await eventually(() => received.length === 5);

    const ledger = await simulator.client.session(sessionId);
    expect(ledger.channelSessionId).to.equal('chat-alt1');
    expect(ledger.contact).to.deep.include({ displayName: 'Anna Rossi' });
    expect(ledger.transcript[0]).to.deep.include({ text: 'Ciao', attachments: [file] });
    const reply = received.find((e) => e.type === 'agentMessage');
    expect(reply).to.deep.include({ agentName: 'Giulia Bianchi', attachments: [file] });
    await eventually(async () => (await simulator.client.events(WSSE.code)).pendingEvents === 0);
  });

  it('fails to start with the reference names, listing every missing operation', async () => {
    const error = await expectRejection(make().start());
    expect(error).to.be.instanceOf(ContractMismatchError);
    expect(gapsOf(error).map((g) => g.expected)).to.deep.equal([
      'openSession',
      'sendMessage',
      'closeSession',
      'getSessionStatus',
      'pollEvents',
      'ackEvents',
    ]);
  });

  it('fails to start with a wrong operation name and unmapped fields, listing every gap', async () => {
    const wrong = writeMap(
      'wrong.yaml',
      [
        'name: wrong',
        'extends: tvox-mc-relay',
        'operations:',
        '  openSession: { operation: createSession }',
        '  sendMessage: { operation: sendMsg }',
        '  closeSession: { operation: endSession }',
        '  getSessionStatus: { operation: querySessionStatus }',
        '  pollEvents: { operation: fetchEvents }',
        '  ackEvents:',
        '    operation: confirmEvents',
        "    request: { upToSequence: null, lastSequence: '{ack.upToSequence}' }",
      ].join('\n'),
    );
    const error = await expectRejection(make({ profile: wrong }).start());
    expect(error).to.be.instanceOf(ContractMismatchError);
    expect(gapsOf(error)).to.deep.equal([
      { kind: 'field', command: 'openSession', expected: 'createSession.contact.displayName' },
      { kind: 'field', command: 'openSession', expected: 'createSession.channelSessionId' },
      { kind: 'operation', command: 'sendMessage', expected: 'sendMsg' },
      {
        kind: 'field',
        command: 'pollEvents',
        expected: 'fetchEventsResponse.return.events[].statusChanged.agentName',
      },
      {
        kind: 'field',
        command: 'pollEvents',
        expected: 'fetchEventsResponse.return.events[].agentMessage.agentName',
      },
      { kind: 'field', command: 'ackEvents', expected: 'confirmEvents.lastSequence' },
    ]);
    expect(error.message).to.contain('operation "sendMsg" not found');
  });

  it('fails to start when the profile names another namespace', async () => {
    const other = writeMap(
      'namespace.yaml',
      readFileSync(PROFILE_FILE, 'utf8')
        .replace(/namespace: .*$/m, 'namespace: urn:somewhere:else')
        .replace('extends: tvox-mc-relay', 'extends: tvox-mc-relay'),
    );
    const error = await expectRejection(make({ profile: other }).start());
    expect(gapsOf(error)[0]).to.deep.equal({
      kind: 'operation',
      command: 'openSession',
      expected: '{urn:somewhere:else}createSession',
    });
  });
});
