import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as soap from 'soap';
import { request } from 'undici';
import { publishContract, startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { call, envelope, rawSoap } from './support/soap-calls';
import { kindsOf, stepOf } from './support/wire-events';

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('simulator SOAP endpoint', () => {
  let simulator: RunningSimulator;
  let client: soap.Client;
  let callback: Server;
  let callbackUrl: string;
  const received: { headers: IncomingHttpHeaders; events: Record<string, unknown>[] }[] = [];

  before(async () => {
    callback = createServer();
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    // node soap picks the port whose soap:address path matches the request's.
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/tvox/callback/soap`;
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: 'a1', name: 'Marco Verdi' }],
      connectors: [
        { code: 'SOAP1', password: 'soap-secret' },
        {
          code: 'SOAPPUSH',
          events: {
            mode: 'push',
            technology: 'soap',
            url: callbackUrl,
            auth: { kind: 'basic', username: 'tvox', password: 'cb-secret' },
          },
        },
      ],
      push: { retryBaseMs: 10, retryMaxMs: 50 },
    });
    // The connector's side of the callback, served by an independent SOAP stack from our WSDL.
    soap.listen(
      callback,
      '/tvox/callback/soap',
      {
        MultichannelCallbackService: {
          MultichannelCallbackPort: {
            notifyEvents: (
              args: { events?: Record<string, unknown>[] | Record<string, unknown> },
              _callback: unknown,
              _soapHeaders: unknown,
              req: IncomingMessage,
            ) => {
              received.push({ headers: req.headers, events: asList(args.events) });
              return { return: { result: 'SUCCESS' } };
            },
          },
        },
      },
      publishContract(simulator.url).wsdl,
    );
    client = await soap.createClientAsync(`${simulator.url}/mc/cxf/soap?wsdl`, {
      attributesKey: '$attributes',
    });
    client.setSecurity(new soap.BasicAuthSecurity('SOAP1', 'soap-secret'));
  });

  after(async () => {
    await simulator.stop();
    callback.closeAllConnections();
    await new Promise<void>((resolve) => callback.close(() => resolve()));
  });

  beforeEach(async () => {
    await simulator.client.reset();
    await simulator.client.login('a1');
    received.length = 0;
  });

  it('serves a WSDL that an independent SOAP stack loads, schema imported from ?xsd=1', async () => {
    const wsdl = await (await request(`${simulator.url}/mc/cxf/soap?wsdl`)).body.text();
    expect(wsdl).to.contain(`schemaLocation="${simulator.url}/mc/cxf/soap?xsd=1"`);
    const description = client.describe() as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    expect(Object.keys(description.MultichannelService?.MultichannelPort ?? {})).to.have.members([
      'openSession',
      'sendMessage',
      'closeSession',
      'getSessionStatus',
      'pollEvents',
      'ackEvents',
    ]);
  });

  it('drives a full session with events by poll: open, messages both ways, close', async () => {
    const opened = await call(client, 'openSession', {
      connectorCode: 'SOAP1',
      serviceCode: 'SUPPORT',
      requestId: 'soap-r1',
      contact: { id: 'u1', displayName: 'Anna Rossi', channel: 'line' },
      channelSessionId: 'line-42',
      attributes: { entry: [{ key: 'tier', value: 'gold' }] },
    });
    expect(opened).to.deep.include({ result: 'SUCCESS', status: 'BOOKED' });
    const sessionId = String(opened.sessionId);
    const sent = await call(client, 'sendMessage', {
      connectorCode: 'SOAP1',
      sessionId,
      message: {
        messageId: 'm1',
        text: 'Ciao <a tutti> & buongiorno',
        sentAt: '2026-11-25T09:00:00Z',
      },
    });
    expect(sent.result).to.equal('SUCCESS');
    await simulator.client.accept('a1', sessionId);
    await simulator.client.reply('a1', sessionId, { text: 'Salve!' });
    await call(client, 'closeSession', { connectorCode: 'SOAP1', sessionId, reason: 'done' });

    const polled = await call(client, 'pollEvents', {
      connectorCode: 'SOAP1',
      afterSequence: 0,
      max: 50,
    });
    const events = asList(polled.events);
    expect(events.map(stepOf)).to.deep.equal([
      'QUEUED',
      'BOOKED',
      'ASSIGNED',
      'agentMessage',
      'CLOSED',
    ]);
    expect(events[3]?.agentMessage).to.deep.include({ text: 'Salve!', agentName: 'Marco Verdi' });
    expect(events.map(kindsOf).every((kinds) => kinds.length === 1)).to.equal(true);
    expect(Number(polled.lastSequence)).to.equal(5);
    const raw = await rawSoap(
      simulator.url,
      envelope(
        '<t:pollEvents xmlns:t="http://mc.tvox-connector.org/"><connectorCode>SOAP1</connectorCode>' +
          '<afterSequence>0</afterSequence><max>1</max></t:pollEvents>',
      ),
      undefined,
      { authorization: `Basic ${Buffer.from('SOAP1:soap-secret').toString('base64')}` },
    );
    expect(raw.text).to.match(
      /<events><sequence>1<\/sequence><sessionId>[^<]+<\/sessionId><at>[^<]+<\/at><statusChanged><status>QUEUED<\/status><\/statusChanged><\/events>/,
    );
    expect(
      (await call(client, 'ackEvents', { connectorCode: 'SOAP1', upToSequence: 5 })).result,
    ).to.equal('SUCCESS');
    const status = await call(client, 'getSessionStatus', { connectorCode: 'SOAP1', sessionId });
    expect(status).to.deep.include({ result: 'SUCCESS', status: 'CLOSED' });

    const ledger = await simulator.client.session(sessionId);
    expect(ledger.attributes).to.deep.equal({ tier: 'gold' });
    expect(ledger.contact).to.deep.include({ displayName: 'Anna Rossi', channel: 'line' });
    expect(ledger.transcript[0]?.text).to.equal('Ciao <a tutti> & buongiorno');
  });

  it('answers business failures with result FAILED inside <return>', async () => {
    const failed = await call(client, 'sendMessage', {
      connectorCode: 'SOAP1',
      sessionId: 'no-such-session',
      message: { messageId: 'm1', text: 'hi', sentAt: '2026-11-25T09:00:00Z' },
    });
    expect(failed).to.deep.include({ result: 'FAILED', errorCode: 'UNKNOWN_SESSION' });
  });

  it('pushes notifyEvents to a SOAP callback with Basic credentials', async () => {
    const push = new soap.Client(client.wsdl, `${simulator.url}/mc/cxf/soap`);
    push.setSecurity(new soap.BasicAuthSecurity('SOAPPUSH', ''));
    const opened = await call(push, 'openSession', {
      connectorCode: 'SOAPPUSH',
      serviceCode: 'SUPPORT',
      requestId: 'push-r1',
      contact: { id: 'u9', channel: 'viber' },
      channelSessionId: 'viber-9',
    });
    await simulator.client.accept('a1', String(opened.sessionId));
    await eventually(() => received.flatMap((r) => r.events).length === 3);
    expect(received.flatMap((r) => r.events).map((e) => Number(e.sequence))).to.deep.equal([
      1, 2, 3,
    ]);
    expect(received.flatMap((r) => r.events).map(stepOf)).to.deep.equal([
      'QUEUED',
      'BOOKED',
      'ASSIGNED',
    ]);
    expect(received[0]?.headers.authorization).to.equal(
      `Basic ${Buffer.from('tvox:cb-secret').toString('base64')}`,
    );
    await eventually(async () => (await simulator.client.events('SOAPPUSH')).pendingEvents === 0);
  });

  describe('credentials', () => {
    const poll = (
      username: string,
      password: string,
      options: { passwordType?: 'PasswordDigest' | 'PasswordText' } = {},
    ) => {
      const wsse = new soap.Client(client.wsdl, `${simulator.url}/mc/cxf/soap`);
      wsse.setSecurity(new soap.WSSecurity(username, password, options));
      return call(wsse, 'pollEvents', { connectorCode: 'SOAP1', afterSequence: 0, max: 1 });
    };

    it('accepts a WS-Security UsernameToken, digest or text', async () => {
      expect((await poll('SOAP1', 'soap-secret')).result).to.equal('SUCCESS');
      expect(
        (await poll('SOAP1', 'soap-secret', { passwordType: 'PasswordText' })).result,
      ).to.equal('SUCCESS');
    });

    it('answers wrong credentials with 401', async () => {
      try {
        await poll('SOAP1', 'wrong');
        expect.fail('should be refused');
      } catch (error) {
        expect((error as { response?: { status?: number } }).response?.status).to.equal(401);
      }
    });
  });

  describe('bad input', () => {
    const pollBody =
      '<t:pollEvents xmlns:t="http://mc.tvox-connector.org/"><connectorCode>SOAPPUSH</connectorCode><afterSequence>0</afterSequence><max>5</max></t:pollEvents>';

    it('ignores WS-Addressing headers a client sends', async () => {
      const header =
        '<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">http://mc.tvox-connector.org/Multichannel/pollEventsRequest</wsa:Action>';
      const answer = await rawSoap(simulator.url, envelope(pollBody, header));
      expect(answer.status).to.equal(200);
      expect(answer.text).to.contain('<result>SUCCESS</result>');
    });

    it('refuses a DTD (no external entities, no entity expansion) with a Client fault', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope(pollBody.replace('SOAPPUSH', '&xxe;'))}`;
      const answer = await rawSoap(simulator.url, xxe);
      expect(answer.status).to.equal(500);
      expect(answer.text).to.contain('soap:Client').and.contain('DOCTYPE is not allowed');
      expect(answer.text).not.to.contain('root:');
    });

    it('drops qualified children as CXF does, so required fields are missing', async () => {
      const qualified =
        '<t:pollEvents xmlns:t="http://mc.tvox-connector.org/"><t:connectorCode>SOAPPUSH</t:connectorCode></t:pollEvents>';
      const answer = await rawSoap(simulator.url, envelope(qualified));
      expect(answer.status).to.equal(500);
      expect(answer.text).to.contain('soap:Client');
    });

    it('answers garbled XML and unknown operations with Client faults', async () => {
      expect((await rawSoap(simulator.url, '<not-xml')).text).to.contain('soap:Client');
      const unknown = await rawSoap(
        simulator.url,
        envelope('<t:dance xmlns:t="http://mc.tvox-connector.org/"/>'),
      );
      expect(unknown.text).to.contain('unknown operation dance');
    });

    it('refuses SOAP 1.2 with 415', async () => {
      expect(
        (await rawSoap(simulator.url, envelope(pollBody), 'application/soap+xml')).status,
      ).to.equal(415);
    });
  });
});
