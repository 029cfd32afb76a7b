/**
 * The mcc-1.0 SOAP endpoint end to end, through node `soap` (an independent SOAP stack) loading
 * the served WSDL, with agents driven through the admin API and time through a manual clock.
 */
import { expect } from 'chai';
import * as soap from 'soap';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { ManualScheduler } from './support/manual-scheduler';
import { call, envelope, rawSoap } from './support/soap-calls';

const TNS = 'http://ws.mc.tvox.it/';
const QUEUE_DELAY_MS = 1_000;
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('simulator mcc-1.0 SOAP endpoint', () => {
  let simulator: RunningSimulator;
  let client: soap.Client;
  const scheduler = new ManualScheduler();

  before(async () => {
    simulator = await startSimulator({
      profile: 'mcc-1.0',
      port: 0,
      scheduler,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000, queueDelayMs: QUEUE_DELAY_MS }],
      agents: [{ code: 'giulia', name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: 'conn-secret' }],
      channels: [{ id: 1 }, { id: 2, licensed: false }, { id: 3, licences: 1 }, { id: 1003 }],
    });
    client = await soap.createClientAsync(`${simulator.url}/mc/cxf/soap?wsdl`);
    client.setSecurity(new soap.BasicAuthSecurity('CONN', 'conn-secret'));
  });

  after(async () => {
    await simulator.stop();
  });

  beforeEach(async () => {
    await simulator.client.reset();
  });

  const start = (input: Record<string, unknown>) =>
    call(client, 'startSession', { channelId: 1, serviceid: 'SUPPORT', ...input });
  const status = (sessionId: string) => call(client, 'getSessionStatus', { sessionId });

  it('starts a session with the documented fields, stored for the agent to see', async () => {
    const answer = await start({
      sessionId: 'conv-1',
      data: 'order=1234',
      description: 'Where is my order?',
      contactValue: '+39 333 1234567',
    });
    expect(answer).to.include({ result: 'SUCCESS', sessionId: 'conv-1' });
    expect(answer.contactValue).to.equal('+39 333 1234567');
    expect(answer.contactId, 'a contact found for the value').to.match(/^[0-9a-f-]{36}$/);
    expect(answer).not.to.have.property('failReason');
    const session = await simulator.client.session('conv-1');
    expect(session).to.deep.include({
      channelSessionId: 'conv-1',
      channelData: 'order=1234',
      subject: 'Where is my order?',
      connectorCode: 'CONN',
      routing: { channelId: 1, contactId: answer.contactId, contactValue: '+39 333 1234567' },
    });
  });

  it('generates the session id when none is given', async () => {
    const answer = await start({});
    expect(answer.result).to.equal('SUCCESS');
    expect(answer.sessionId).to.be.a('string').and.not.empty;
  });

  it('answers a retry with the same sessionId with the first answer; another service fails', async () => {
    const first = await start({ sessionId: 'conv-2', contactValue: 'mario@example.com' });
    expect(await start({ sessionId: 'conv-2', contactValue: 'mario@example.com' })).to.deep.equal(
      first,
    );
    expect(await start({ sessionId: 'conv-2', channelId: 1003 })).to.deep.include({
      result: 'FAILED',
      failReason: 'GENERIC',
      failReasonMessage: 'session id conv-2 already used',
    });
    expect((await simulator.client.sessions({ connector: 'CONN' })).length).to.equal(1);
  });

  const refusals = [
    { input: { channelId: 0 }, failReason: 'INVALID_CHANNEL_ID' },
    { input: { channelId: -4 }, failReason: 'INVALID_CHANNEL_ID' },
    { input: { channelId: 77 }, failReason: 'UNKNOWN_CHANNEL_ID' },
    { input: { channelId: 2 }, failReason: 'NO_LICENSE' },
    { input: { serviceid: 'NOPE' }, failReason: 'GENERIC' },
  ];
  for (const { input, failReason } of refusals) {
    it(`refuses ${JSON.stringify(input)} with FAILED ${failReason} and a message`, async () => {
      const answer = await start(input);
      expect(answer).to.include({ result: 'FAILED', failReason });
      expect(answer.failReasonMessage).to.be.a('string').and.not.empty;
      expect(answer).not.to.have.property('sessionId');
    });
  }

  it('refuses NO_LICENSE when the channel licences are all in use, until one is freed', async () => {
    const first = await start({ channelId: 3, sessionId: 'lic-1' });
    expect(first.result).to.equal('SUCCESS');
    expect(await start({ channelId: 3, sessionId: 'lic-2' })).to.include({
      result: 'FAILED',
      failReason: 'NO_LICENSE',
    });
    expect(await call(client, 'closeSession', { sessionId: 'lic-1', reason: 'done' })).to.include({
      result: 'SUCCESS',
    });
    expect((await start({ channelId: 3, sessionId: 'lic-2' })).result).to.equal('SUCCESS');
  });

  it('reports NEW, QUEUED, BOOKED and ASSIGNED with the agent, CLOSED, and UNKNOW', async () => {
    await start({ sessionId: 'flow-1' });
    expect(await status('flow-1')).to.deep.equal({ result: 'SUCCESS', status: 'NEW' });
    scheduler.advance(QUEUE_DELAY_MS);
    expect(await status('flow-1')).to.deep.equal({ result: 'SUCCESS', status: 'QUEUED' });
    await simulator.client.login('giulia');
    expect(await status('flow-1')).to.deep.equal({
      result: 'SUCCESS',
      status: 'BOOKED',
      agent: 'giulia',
    });
    await simulator.client.accept('giulia', 'flow-1');
    expect(await status('flow-1')).to.deep.include({ status: 'ASSIGNED', agent: 'giulia' });
    await simulator.client.closeSession('giulia', 'flow-1', 'solved');
    expect(await status('flow-1')).to.deep.equal({ result: 'SUCCESS', status: 'CLOSED' });
    expect(await status('never-started')).to.deep.equal({ result: 'SUCCESS', status: 'UNKNOW' });
  });

  it('closes a session for the connector; an unknown one is FAILED UNKNOWN_SESSION', async () => {
    await start({ sessionId: 'close-1' });
    expect(await call(client, 'closeSession', { sessionId: 'close-1' })).to.deep.equal({
      result: 'SUCCESS',
    });
    expect((await simulator.client.session('close-1')).closeReason).to.equal(
      'closed by the connector',
    );
    expect(await call(client, 'closeSession', { sessionId: 'nope' })).to.include({
      result: 'FAILED',
      failReason: 'UNKNOWN_SESSION',
    });
  });

  describe('as CXF reads the wire', () => {
    const auth = { authorization: basic('CONN', 'conn-secret') };
    const startBody = (children: string, wrapper = `t:startSession xmlns:t="${TNS}"`) =>
      envelope(`<${wrapper}>${children}</${wrapper.split(' ')[0]}>`);

    it('drops a child in the wrong namespace form instead of faulting', async () => {
      const answer = await rawSoap(
        simulator.url,
        startBody(
          '<channelId>1</channelId><serviceid>SUPPORT</serviceid><sessionId>ns-1</sessionId><t:description>qualified</t:description>',
        ),
        undefined,
        auth,
      );
      expect(answer.status).to.equal(200);
      expect(answer.text).to.contain('<return><result>SUCCESS</result>');
      expect((await simulator.client.session('ns-1')).subject).to.equal(undefined);
    });

    it('drops children in a default namespace, so the required channelId is missing: Client fault', async () => {
      const answer = await rawSoap(
        simulator.url,
        startBody(
          '<channelId>1</channelId><serviceid>SUPPORT</serviceid>',
          `startSession xmlns="${TNS}"`,
        ),
        undefined,
        auth,
      );
      expect(answer.status).to.equal(500);
      expect(answer.text).to.contain('soap:Client').and.contain('channelId');
    });

    it('faults a channelId that is not an int, and a wrapper in another namespace', async () => {
      const notInt = await rawSoap(
        simulator.url,
        startBody('<channelId>one</channelId>'),
        undefined,
        auth,
      );
      expect(notInt.status).to.equal(500);
      expect(notInt.text).to.contain('soap:Client');
      const elsewhere = await rawSoap(
        simulator.url,
        startBody('<channelId>1</channelId>', 't:startSession xmlns:t="http://example.org/"'),
        undefined,
        auth,
      );
      expect(elsewhere.text).to.contain(
        'Unexpected wrapper element {http://example.org/}startSession',
      );
    });

    it('refuses SOAP 1.2 with 415', async () => {
      const answer = await rawSoap(
        simulator.url,
        startBody('<channelId>1</channelId>'),
        'application/soap+xml; charset=utf-8',
        auth,
      );
      expect(answer.status).to.equal(415);
    });

    it('requires the connector password by HTTP Basic: none or a wrong one is 401', async () => {
      const body = startBody('<channelId>1</channelId><serviceid>SUPPORT</serviceid>');
      expect((await rawSoap(simulator.url, body)).status).to.equal(401);
      const wrong = { authorization: basic('CONN', 'guess') };
      expect((await rawSoap(simulator.url, body, undefined, wrong)).status).to.equal(401);
      expect((await rawSoap(simulator.url, body, undefined, auth)).status).to.equal(200);
    });
  });
});
