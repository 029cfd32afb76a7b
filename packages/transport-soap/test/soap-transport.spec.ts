import {
  RemoteRejectedError,
  TransportCallError,
  noopMetrics,
  type HttpEndpoint,
  type Metrics,
  type TransportConfig,
  type TvoxEvent,
} from '@tvox-connector/core';
import type { RunningSimulator } from '@tvox-connector/simulator';
import {
  eventually,
  expectRejection,
  serveEndpoints,
  type ServedEndpoints,
} from '@tvox-connector/testkit';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import {
  AGENT,
  BASIC,
  WSSE,
  openRequest,
  soapConfig,
  startTestSimulator,
} from './support/simulator-harness';

const PUSHED = { code: 'PUSHED', password: 'pushed-password' } as const;
const CALLBACK_AUTH = { kind: 'basic', username: 'tvox', password: 'callback-secret' } as const;

describe('SOAP transport against the simulator', function () {
  this.timeout(10_000);
  let simulator: RunningSimulator;
  let callbacks: ServedEndpoints;
  let endpoints: HttpEndpoint[] = [];
  let started: SoapTransport[] = [];

  const make = async (config: TransportConfig, metrics: Metrics = noopMetrics) => {
    const transport = createSoapTransport(config, { metrics });
    started.push(transport);
    if (transport.callback) endpoints.push(transport.callback);
    await transport.start();
    return transport;
  };
  const wsse = (password: string = WSSE.password) =>
    soapConfig(simulator.url, WSSE.code, { auth: { kind: 'wsse', password } });
  const basic = () =>
    soapConfig(simulator.url, BASIC.code, { auth: { kind: 'basic', password: BASIC.password } });

  before(async () => {
    callbacks = await serveEndpoints(() => endpoints);
    simulator = await startTestSimulator({
      connectors: [
        BASIC,
        WSSE,
        {
          ...PUSHED,
          events: {
            mode: 'push',
            technology: 'soap',
            url: `${callbacks.url}/tvox/soap`,
            auth: CALLBACK_AUTH,
          },
        },
      ],
    });
  });

  beforeEach(async () => {
    await simulator.client.reset();
    await simulator.client.login(AGENT);
  });

  afterEach(async () => {
    await Promise.all(started.map((t) => t.stop()));
    started = [];
    endpoints = [];
  });

  after(async () => {
    await simulator.stop();
    await callbacks.close();
  });

  it('drives a full session with WS-Security, events by poll, texts and lists intact', async () => {
    const transport = await make(wsse());
    const received: TvoxEvent[] = [];
    const subscription = await transport.subscribe(async (events) => {
      received.push(...events);
    });
    const base = openRequest('w1');
    const { sessionId, status } = await transport.openSession({
      ...base,
      session: { ...base.session, description: 'Ordine <1234> & reso' },
      contact: { id: 'w1', displayName: 'Anna Rossi', locale: 'it' },
      attributes: { tier: 'gold' },
    });
    expect(status).to.equal('BOOKED');
    const text = '  Ciao <a tutti> & "buongiorno"  ';
    const attachment = {
      name: 'scontrino.pdf',
      contentType: 'application/pdf',
      size: 2048,
      url: 'https://files.example.com/scontrino.pdf',
    };
    await transport.sendMessage({
      session: { id: sessionId },
      message: {
        id: 'm1',
        text,
        attachments: [attachment],
        sentAt: new Date().toISOString(),
      },
    });
    await simulator.client.accept(AGENT, sessionId);
    await simulator.client.reply(AGENT, sessionId, { text: 'Salve!', attachments: [attachment] });
    await transport.closeSession({ session: { id: sessionId }, close: { reason: 'risolto' } });
    await eventually(() => received.length === 5);
    await subscription.close();

    expect(received.map((e) => e.sequence)).to.deep.equal([1, 2, 3, 4, 5]);
    const reply = received.find((e) => e.type === 'agentMessage');
    expect(reply).to.deep.include({
      text: 'Salve!',
      agentCode: AGENT,
      agentName: 'Giulia Bianchi',
    });
    expect(reply?.type === 'agentMessage' && reply.attachments).to.deep.equal([attachment]);
    expect((await transport.getSessionStatus({ session: { id: sessionId } })).status).to.equal(
      'CLOSED',
    );
    const ledger = await simulator.client.session(sessionId);
    expect(ledger.transcript[0]).to.deep.include({ text, attachments: [attachment] });
    expect(ledger).to.deep.include({
      subject: 'Ordine <1234> & reso',
      attributes: { tier: 'gold' },
    });
    expect(ledger.contact).to.deep.include({ displayName: 'Anna Rossi', locale: 'it' });
    await eventually(async () => (await simulator.client.events(WSSE.code)).pendingEvents === 0);
  });

  it('drives a full session with Basic, events pushed to its SOAP callback with Basic auth', async () => {
    const transport = await make(
      soapConfig(
        simulator.url,
        PUSHED.code,
        { auth: { kind: 'basic', password: PUSHED.password } },
        { mode: 'push', callbackUrl: `${callbacks.url}/tvox/soap`, auth: CALLBACK_AUTH },
      ),
    );
    expect(transport.callback?.path).to.equal('/tvox/soap');
    const received: TvoxEvent[] = [];
    await transport.subscribe(async (events) => {
      received.push(...events);
    });
    const { sessionId } = await transport.openSession(openRequest('p1'));
    await simulator.client.accept(AGENT, sessionId);
    await simulator.client.reply(AGENT, sessionId, { text: 'Eccomi' });
    await simulator.client.closeSession(AGENT, sessionId, 'fatto');
    await eventually(() => received.length === 5);
    expect(received.map((e) => (e.type === 'statusChanged' ? e.status : e.type))).to.deep.equal([
      'QUEUED',
      'BOOKED',
      'ASSIGNED',
      'agentMessage',
      'CLOSED',
    ]);
    await eventually(async () => (await simulator.client.events(PUSHED.code)).pendingEvents === 0);
  });

  it('works with HTTP Basic credentials', async () => {
    const transport = await make(basic());
    const { sessionId } = await transport.openSession(openRequest('b1'));
    expect((await transport.getSessionStatus({ session: { id: sessionId } })).status).to.equal(
      'BOOKED',
    );
  });

  it('refuses wrong WS-Security credentials with a 401 that is not retried', async () => {
    const transport = await make(wsse('wrong-password'));
    const error = await expectRejection(transport.getSessionStatus({ session: { id: 'x' } }));
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ status: 401, retryable: false, kind: 'http-status' });
  });

  it('turns a soap:Client fault into a RemoteRejectedError INVALID_REQUEST, not retried', async () => {
    const transport = await make(basic());
    const { sessionId } = await transport.openSession(openRequest('f1'));
    const error = await expectRejection(
      transport.sendMessage({
        session: { id: sessionId },
        message: { id: 'm1', text: 'hi', sentAt: 'yesterday' },
      }),
    );
    expect(error).to.be.instanceOf(RemoteRejectedError);
    expect(error).to.include({ remoteCode: 'INVALID_REQUEST', retryable: false });
    expect(error.message).to.contain('message.sentAt');
  });

  it('fails with a retryable time-out when the caller aborts', async () => {
    const transport = await make(basic());
    await simulator.client.injectFaults({ latencyMs: 1_000 });
    const error = await expectRejection(
      transport.getSessionStatus({ session: { id: 'x' } }, { signal: AbortSignal.timeout(100) }),
    );
    await simulator.client.clearFaults();
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ kind: 'timeout', retryable: true });
  });

  it('fails retryably while TVox drops connections, and recovers', async () => {
    const transport = await make(basic());
    await simulator.client.injectFaults({ outage: { seconds: 0.5, mode: 'reset' } });
    const error = await expectRejection(transport.openSession(openRequest('r1')));
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ kind: 'connection', retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await transport.openSession(openRequest('r1'))).status).to.equal('BOOKED');
  });

  it('times every call into tvox_transport_call_seconds, labelled by outcome', async () => {
    const samples: Record<string, string>[] = [];
    const metrics: Metrics = {
      ...noopMetrics,
      observe: (_name, _value, labels = {}) => {
        samples.push({ ...labels });
      },
    };
    const transport = await make(basic(), metrics);
    (await transport.getSessionStatus({ session: { id: 'x' } })).status;
    await expectRejection(transport.closeSession({ session: { id: 'gone' } }));
    expect(samples).to.deep.equal([
      { transport: 'soap', command: 'getSessionStatus', outcome: 'ok' },
      { transport: 'soap', command: 'closeSession', outcome: 'TVOX_ERR_UNKNOWN_SESSION' },
    ]);
  });
});
