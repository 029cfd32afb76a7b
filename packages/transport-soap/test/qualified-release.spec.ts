import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_FILES } from '@tvox-connector/simulator';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { FakeTvox, envelope } from './support/fake-tvox';
import { soapConfig } from './support/simulator-harness';
import { namespacesOf } from './support/xml-namespaces';

const NAMESPACE = 'urn:example:tvox:qualified';

/**
 * The reference contract as another stack publishes it: the schema inline in the WSDL, wrapper
 * children qualified (`elementFormDefault="qualified"`), another target namespace.
 */
function qualifiedWsdl(): string {
  const schema = readFileSync(CONTRACT_FILES.xsd, 'utf8')
    .replace(/^<\?xml[^>]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace('version="1.0"', 'version="1.0" elementFormDefault="qualified"');
  return readFileSync(CONTRACT_FILES.wsdl, 'utf8')
    .replace(/<xs:schema>[\s\S]*?<\/xs:schema>/, schema)
    .replaceAll('http://mc.tvox-connector.org/', NAMESPACE);
}

describe('SOAP transport with qualified children, an inline schema and another namespace', () => {
  let fake: FakeTvox;
  let transport: SoapTransport;
  let scratch: string;

  before(async () => {
    fake = await new FakeTvox({ wsdl: qualifiedWsdl }).start();
    scratch = mkdtempSync(join(tmpdir(), 'soap-qualified-'));
    const profile = join(scratch, 'profile.yaml');
    writeFileSync(
      profile,
      `name: qualified\nextends: tvox-mc-relay\nsoap: { namespace: '${NAMESPACE}' }\n`,
    );
    transport = createSoapTransport(
      soapConfig(
        fake.url,
        'C1',
        { profile },
        {
          mode: 'push',
          callbackUrl: 'http://127.0.0.1:8080/tvox/soap',
          auth: { kind: 'basic', username: 'tvox', password: 'callback-secret' },
        },
      ),
    );
    await transport.start();
  });

  after(async () => {
    await transport.stop();
    await fake.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('qualifies the request children as the WSDL says, and reads a qualified answer', async () => {
    fake.answer = {
      status: 200,
      body: envelope(
        `<q:getSessionStatusResponse xmlns:q="${NAMESPACE}"><q:return><q:result>SUCCESS</q:result>` +
          '<q:status>QUEUED</q:status></q:return></q:getSessionStatusResponse>',
      ),
    };
    expect((await transport.getSessionStatus({ session: { id: 's1' } })).status).to.equal('QUEUED');
    const call = fake.calls().at(-1) ?? '';
    expect(namespacesOf(call, 'getSessionStatus')).to.deep.equal([NAMESPACE]);
    expect(namespacesOf(call, 'connectorCode')).to.deep.equal([NAMESPACE]);
    expect(namespacesOf(call, 'sessionId')).to.deep.equal([NAMESPACE]);
  });

  it('reads qualified events with a one-element list and a string map back', async () => {
    fake.answer = {
      status: 200,
      body: envelope(
        `<q:pollEventsResponse xmlns:q="${NAMESPACE}"><q:return><q:result>SUCCESS</q:result>` +
          '<q:events><q:sequence>7</q:sequence><q:sessionId>s1</q:sessionId>' +
          '<q:at>2026-11-25T09:00:00Z</q:at><q:statusChanged><q:status>CLOSED</q:status>' +
          '<q:reason>  bye  </q:reason></q:statusChanged></q:events>' +
          '<q:lastSequence>7</q:lastSequence></q:return>' +
          '</q:pollEventsResponse>',
      ),
    };
    expect(await transport.pollEvents({ poll: { afterSequence: 0, max: 5 } })).to.deep.equal({
      events: [
        {
          type: 'statusChanged',
          sequence: 7,
          sessionId: 's1',
          at: '2026-11-25T09:00:00Z',
          status: 'CLOSED',
          reason: '  bye  ',
        },
      ],
      lastSequence: 7,
      unreadable: [],
    });
  });

  it('writes string maps as entry lists, qualified', async () => {
    fake.answer = {
      status: 200,
      body: envelope(
        `<q:openSessionResponse xmlns:q="${NAMESPACE}"><q:return><q:result>SUCCESS</q:result>` +
          '<q:sessionId>s9</q:sessionId><q:status>NEW</q:status></q:return></q:openSessionResponse>',
      ),
    };
    await transport.openSession({
      request: { id: 'r1' },
      session: { id: 's-1', serviceCode: 'SUPPORT' },
      channel: { id: 'webchat' },
      conversation: { id: 'c1' },
      contact: { id: 'u1' },
      attributes: { tier: 'gold', lang: 'it' },
    });
    const call = (fake.calls().at(-1) ?? '').replace(/<\/?\w+:/g, (tag) => tag.replace(/\w+:/, ''));
    expect(call).to.contain(
      '<attributes><entry><key>tier</key><value>gold</value></entry><entry><key>lang</key><value>it</value></entry></attributes>',
    );
  });

  it('answers a push with qualified children in the release’s namespace', async () => {
    const received: number[] = [];
    await transport.subscribe(async (events) => {
      received.push(...events.map((e) => e.sequence));
    });
    const body = envelope(
      `<q:notifyEvents xmlns:q="${NAMESPACE}"><q:connectorCode>C1</q:connectorCode><q:events>` +
        '<q:sequence>1</q:sequence><q:sessionId>s1</q:sessionId><q:at>2026-11-25T09:00:00Z</q:at>' +
        '<q:agentTyping><q:agentCode>a1</q:agentCode></q:agentTyping></q:events></q:notifyEvents>',
    );
    const answer = await transport.callback?.handle({
      method: 'POST',
      path: '/tvox/soap',
      query: {},
      headers: {
        authorization: `Basic ${Buffer.from('tvox:callback-secret').toString('base64')}`,
        'content-type': 'text/xml; charset=utf-8',
      },
      rawBody: Buffer.from(body),
    });
    expect(answer?.status).to.equal(200);
    expect(received).to.deep.equal([1]);
    for (const element of ['notifyEventsResponse', 'return', 'result'])
      expect(namespacesOf(answer?.body ?? '', element), element).to.deep.equal([NAMESPACE]);
  });
});
