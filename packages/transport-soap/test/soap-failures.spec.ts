import {
  RemoteRejectedError,
  TransportCallError,
  type TransportConfig,
} from '@tvox-connector/core';
import { publishContract } from '@tvox-connector/simulator';
import { expectRejection } from '@tvox-connector/testkit';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { FakeTvox, envelope, faultAnswer, type FakeAnswer } from './support/fake-tvox';
import { soapConfig } from './support/simulator-harness';
import { namespacesOf } from './support/xml-namespaces';

const CONNECTOR = 'C1';
const PASSWORD = 'fake-password';
const AUTHORIZATION = `Basic ${Buffer.from(`${CONNECTOR}:${PASSWORD}`).toString('base64')}`;

const statusAnswer = (inner: string): FakeAnswer => ({
  status: 200,
  body: envelope(
    `<ns2:getSessionStatusResponse xmlns:ns2="http://mc.tvox-connector.org/"><return>${inner}</return></ns2:getSessionStatusResponse>`,
  ),
});

describe('SOAP transport failures, against a scripted TVox', function () {
  this.timeout(10_000);
  let fake: FakeTvox;
  let transports: SoapTransport[] = [];

  const make = (tvox: Partial<TransportConfig['tvox']> = {}): SoapTransport => {
    const transport = createSoapTransport(
      soapConfig(fake.url, CONNECTOR, { auth: { kind: 'basic', password: PASSWORD }, ...tvox }),
    );
    transports.push(transport);
    return transport;
  };

  before(async () => {
    // The reference contract behind Basic auth, schema included, as a CXF behind a proxy serves
    // it: its soap:address and its schema import name an internal host the connector cannot reach.
    fake = await new FakeTvox(
      {
        wsdl: (url) =>
          publishContract(url).wsdl.replaceAll(
            `${url}/mc/cxf/soap`,
            'http://tvox-internal.invalid:8080/mc/cxf/soap',
          ),
        xsd: (url) => publishContract(url).xsd,
      },
      AUTHORIZATION,
    ).start();
  });

  afterEach(async () => {
    await Promise.all(transports.map((t) => t.stop()));
    transports = [];
    fake.requests.length = 0;
  });

  after(async () => {
    await fake.stop();
  });

  it('loads the WSDL and its ?xsd=1 schema from tvox.url, with the Basic credentials', async () => {
    await make().start();
    expect(fake.requests.map((r) => [r.url, r.headers.authorization])).to.deep.equal([
      ['/mc/cxf/soap?wsdl', AUTHORIZATION],
      ['/mc/cxf/soap?xsd=1', AUTHORIZATION],
    ]);
  });

  it('fails to start with a 401 that is not retried when the WSDL refuses the credentials', async () => {
    const error = await expectRejection(
      make({ auth: { kind: 'basic', password: 'wrong' } }).start(),
    );
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ command: 'loadDescription', status: 401, retryable: false });
  });

  it('fails to start, retryably, when the description file cannot be read', async () => {
    const error = await expectRejection(make({ description: '/no/such/tvox.wsdl' }).start());
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ command: 'loadDescription', retryable: true });
    expect(error.message).to.contain('/no/such/tvox.wsdl');
  });

  const cases: {
    readonly name: string;
    readonly answer: FakeAnswer;
    readonly error: typeof TransportCallError | typeof RemoteRejectedError;
    readonly fields: Record<string, unknown>;
  }[] = [
    {
      name: 'a soap:Server fault is a retryable call failure',
      answer: faultAnswer('Server', 'database down'),
      error: TransportCallError,
      fields: { kind: 'http-status', status: 500, retryable: true },
    },
    {
      name: 'a soap:Client fault is a rejection that is not retried',
      answer: faultAnswer('Client', 'unmarshalling error'),
      error: RemoteRejectedError,
      fields: { remoteCode: 'INVALID_REQUEST', retryable: false },
    },
    {
      name: 'a Client fault with a subcode (spyne: senv:Client.SchemaValidationError) is a rejection too',
      answer: faultAnswer('Client.SchemaValidationError', 'text too long'),
      error: RemoteRejectedError,
      fields: { remoteCode: 'INVALID_REQUEST', retryable: false },
    },
    {
      name: 'HTTP 503 with a text body is a retryable call failure',
      answer: { status: 503, contentType: 'text/plain', body: 'maintenance' },
      error: TransportCallError,
      fields: { kind: 'http-status', status: 503, retryable: true },
    },
    {
      name: 'HTTP 404 is a call failure that is not retried',
      answer: {
        status: 404,
        contentType: 'text/html',
        body: '<html><body>Not found</body></html>',
      },
      error: TransportCallError,
      fields: { kind: 'http-status', status: 404, retryable: false },
    },
    {
      name: 'HTTP 401 is a call failure that is not retried',
      answer: { status: 401, contentType: 'text/plain', body: '' },
      error: TransportCallError,
      fields: { kind: 'http-status', status: 401, retryable: false },
    },
    {
      name: 'an answer that is not XML is a retryable bad response',
      answer: { status: 200, contentType: 'text/plain', body: 'hello there' },
      error: TransportCallError,
      fields: { kind: 'bad-response', retryable: true },
    },
    {
      name: 'an answer without a result is a retryable bad response',
      answer: statusAnswer('<status>QUEUED</status>'),
      error: TransportCallError,
      fields: { kind: 'bad-response', retryable: true },
    },
    {
      name: 'an answer with an unknown status is a retryable bad response',
      answer: statusAnswer('<result>SUCCESS</result><status>SLEEPING</status>'),
      error: TransportCallError,
      fields: { kind: 'bad-response', retryable: true },
    },
    {
      name: 'FAILED with UNAVAILABLE is a rejection that is retried',
      answer: statusAnswer('<result>FAILED</result><errorCode>UNAVAILABLE</errorCode>'),
      error: RemoteRejectedError,
      fields: { remoteCode: 'UNAVAILABLE', retryable: true },
    },
  ];

  for (const { name, answer, error: type, fields } of cases) {
    it(name, async () => {
      const transport = make();
      await transport.start();
      fake.answer = answer;
      const error = await expectRejection(transport.getSessionStatus({ session: { id: 's1' } }));
      expect(error).to.be.instanceOf(type);
      expect(error).to.include(fields);
    });
  }

  it('reads an answer whose numbers are text and whose one-element list is a single element', async () => {
    const transport = make();
    await transport.start();
    fake.answer = {
      status: 200,
      body: envelope(
        '<ns2:pollEventsResponse xmlns:ns2="http://mc.tvox-connector.org/"><return><result>SUCCESS</result>' +
          '<events><sequence> 41 </sequence><sessionId>s1</sessionId>' +
          '<at>2026-11-25T09:00:00+01:00</at><agentTyping><agentCode>a1</agentCode></agentTyping>' +
          '</events>' +
          '<lastSequence>41</lastSequence></return></ns2:pollEventsResponse>',
      ),
    };
    expect(await transport.pollEvents({ poll: { afterSequence: 40, max: 10 } })).to.deep.equal({
      events: [
        {
          type: 'agentTyping',
          sequence: 41,
          sessionId: 's1',
          at: '2026-11-25T09:00:00+01:00',
          agentCode: 'a1',
        },
      ],
      lastSequence: 41,
      unreadable: [],
    });
  });

  it('calls {tvox.url}/mc/cxf/soap, not the address in the WSDL, children unqualified', async () => {
    const transport = make();
    await transport.start();
    fake.answer = statusAnswer('<result>SUCCESS</result><status>NEW</status>');
    expect((await transport.getSessionStatus({ session: { id: 's1' } })).status).to.equal('NEW');
    const call = fake.requests.find((r) => r.method === 'POST');
    expect(call?.url).to.equal('/mc/cxf/soap');
    expect(call?.headers['content-type']).to.equal('text/xml; charset=utf-8');
    expect(call?.headers.soapaction).to.equal('""');
    // The reference schema has no elementFormDefault: only the wrapper is in the namespace.
    expect(namespacesOf(call?.body ?? '', 'getSessionStatus')).to.deep.equal([
      'http://mc.tvox-connector.org/',
    ]);
    expect(namespacesOf(call?.body ?? '', 'sessionId')).to.deep.equal([undefined]);
  });
});
