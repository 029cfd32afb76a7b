/**
 * Events told apart otherwise than by the relay contract's choice of one child per kind, read by
 * both transports through fixture profiles: a flat `type` discriminator (a release that has one),
 * and `xsi:type` on each event element (JAXB subtypes), from hand-written answers.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Transport, TransportConfig, TvoxEvent } from '@tvox-connector/core';
import { publishContract } from '@tvox-connector/simulator';
import { listenOnLoopback, type Listening } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import { createSoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import { envelope, FakeTvox } from '../packages/transport-soap/test/support/fake-tvox';

const FIXTURES = join(__dirname, 'fixtures', 'event-kinds');
const FLAT_PROFILE = join(FIXTURES, 'flat-events.profile.yaml');
const TYPED_PROFILE = join(FIXTURES, 'typed-events.profile.yaml');
const NAMESPACE = 'http://mc.tvox-connector.org/';

/** What every answer below says, read into the connector's events. */
const EXPECTED: TvoxEvent[] = [
  {
    type: 'statusChanged',
    sequence: 1,
    sessionId: 's1',
    at: '2026-11-25T09:00:00Z',
    status: 'BOOKED',
    agentCode: 'a1',
    agentName: 'Giulia Bianchi',
  },
  {
    type: 'agentMessage',
    sequence: 2,
    sessionId: 's1',
    at: '2026-11-25T09:00:01Z',
    messageId: 'm1',
    agentCode: 'a1',
    text: 'Salve!',
    attachments: [{ name: 'a.png', contentType: 'image/png', size: 12, url: 'https://f/a.png' }],
  },
  {
    type: 'agentTyping',
    sequence: 3,
    sessionId: 's1',
    at: '2026-11-25T09:00:02Z',
    agentCode: 'a1',
  },
];

/** A pollEvents answer of `operation` holding the event elements `events`. */
function pollAnswer(operation: string, events: string): string {
  return envelope(
    `<ns2:${operation}Response xmlns:ns2="${NAMESPACE}"><return><result>SUCCESS</result>` +
      `${events}<lastSequence>3</lastSequence></return></ns2:${operation}Response>`,
  );
}

function config(url: string, profile: string): TransportConfig {
  return {
    connectorCode: 'C1',
    tvox: {
      url,
      auth: { kind: 'none' },
      timeoutMs: 2_000,
      connectTimeoutMs: 1_000,
      maxConnections: 2,
      profile,
    },
    events: { mode: 'poll', intervalMs: 1_000, max: 10 },
  };
}

/** Starts `transport`, polls once and expects {@link EXPECTED}, then stops it. */
async function expectPolled(transport: Transport): Promise<void> {
  await transport.start();
  try {
    expect(await transport.pollEvents({ poll: { afterSequence: 0, max: 10 } })).to.deep.equal({
      events: EXPECTED,
      lastSequence: 3,
      unreadable: [],
    });
  } finally {
    await transport.stop();
  }
}

describe('events told apart by a profile option', () => {
  describe('over SOAP, from a scripted TVox', () => {
    let fake: FakeTvox;

    before(async () => {
      const wsdl = readFileSync(join(FIXTURES, 'event-kinds.wsdl'), 'utf8');
      fake = await new FakeTvox({
        wsdl: (base) =>
          wsdl.replace(
            'schemaLocation="event-kinds.xsd"',
            `schemaLocation="${base}/mc/cxf/soap?xsd=1"`,
          ),
        xsd: () => readFileSync(join(FIXTURES, 'event-kinds.xsd'), 'utf8'),
      }).start();
    });

    after(async () => {
      await fake.stop();
    });

    it('reads a flat `type` discriminator with kind fields on the event', async () => {
      fake.answer = {
        status: 200,
        body: pollAnswer(
          'pollEvents',
          '<events><type>statusChanged</type><sequence>1</sequence><sessionId>s1</sessionId>' +
            '<at>2026-11-25T09:00:00Z</at><status>BOOKED</status><agentCode>a1</agentCode>' +
            '<agentName>Giulia Bianchi</agentName></events>' +
            '<events><type>agentMessage</type><sequence>2</sequence><sessionId>s1</sessionId>' +
            '<at>2026-11-25T09:00:01Z</at><messageId>m1</messageId><agentCode>a1</agentCode>' +
            '<text>Salve!</text><attachments><name>a.png</name><contentType>image/png</contentType>' +
            '<size>12</size><url>https://f/a.png</url></attachments></events>' +
            '<events><type>agentTyping</type><sequence>3</sequence><sessionId>s1</sessionId>' +
            '<at>2026-11-25T09:00:02Z</at><agentCode>a1</agentCode></events>',
        ),
      };
      await expectPolled(createSoapTransport(config(fake.url, FLAT_PROFILE)));
    });

    it('reads xsi:type on each event element, whatever prefix the answer binds to it', async () => {
      fake.answer = {
        status: 200,
        body: pollAnswer(
          'pollTypedEvents',
          '<events xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns2:statusChangedEvent">' +
            '<sequence>1</sequence><sessionId>s1</sessionId><at>2026-11-25T09:00:00Z</at>' +
            '<status>BOOKED</status><agentCode>a1</agentCode><agentName>Giulia Bianchi</agentName>' +
            '</events>' +
            '<events xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns2:agentMessageEvent">' +
            '<sequence>2</sequence><sessionId>s1</sessionId><at>2026-11-25T09:00:01Z</at>' +
            '<messageId>m1</messageId><agentCode>a1</agentCode><text>Salve!</text><attachments>' +
            '<name>a.png</name><contentType>image/png</contentType><size>12</size>' +
            '<url>https://f/a.png</url></attachments></events>' +
            '<events xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="agentTypingEvent">' +
            '<sequence>3</sequence><sessionId>s1</sessionId><at>2026-11-25T09:00:02Z</at>' +
            '<agentCode>a1</agentCode></events>',
        ),
      };
      await expectPolled(createSoapTransport(config(fake.url, TYPED_PROFILE)));
    });

    it('reads xsi:type on the events of a push to its callback too', async () => {
      const transport = createSoapTransport({
        ...config(fake.url, TYPED_PROFILE),
        events: {
          mode: 'push',
          callbackUrl: 'http://127.0.0.1:8080/tvox',
          auth: { kind: 'basic', username: 'tvox', password: 'callback-secret' },
        },
      });
      await transport.start();
      const received: TvoxEvent[] = [];
      await transport.subscribe(async (events) => {
        received.push(...events);
      });
      const callback = transport.callback;
      if (!callback) throw new Error('a push transport has a callback');
      const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
      const answer = await callback.handle({
        method: 'POST',
        path: callback.path,
        query: {},
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from('tvox:callback-secret').toString('base64')}`,
        },
        rawBody: Buffer.from(
          envelope(
            `<ns2:notifyEvents xmlns:ns2="${NAMESPACE}"><connectorCode>C1</connectorCode>` +
              `<events ${xsi} xsi:type="ns2:statusChangedEvent"><sequence>1</sequence>` +
              '<sessionId>s1</sessionId><at>2026-11-25T09:00:00Z</at><status>BOOKED</status>' +
              '<agentCode>a1</agentCode><agentName>Giulia Bianchi</agentName></events>' +
              `<events ${xsi} xsi:type="ns2:agentTypingEvent"><sequence>3</sequence>` +
              '<sessionId>s1</sessionId><at>2026-11-25T09:00:02Z</at><agentCode>a1</agentCode>' +
              '</events></ns2:notifyEvents>',
          ),
        ),
      });
      await transport.stop();
      expect(answer.status, answer.body).to.equal(200);
      expect(received).to.deep.equal([EXPECTED[0], EXPECTED[2]]);
    });
  });

  describe('over REST, from a scripted JSON server', () => {
    let server: Listening;
    let url = '';
    let events: unknown[] = [];
    /** The published relay WADL, with its pollEvents method named as the profile says. */
    let pollMethod = 'pollEvents';

    before(async () => {
      server = await listenOnLoopback(
        createServer((request, response) => {
          const json = (body: unknown) =>
            response
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify(body));
          if (request.url === '/mc/cxf/rest?_wadl')
            response
              .writeHead(200, { 'content-type': 'application/xml' })
              .end(publishContract(url).wadl.replace('id="pollEvents"', `id="${pollMethod}"`));
          else if (request.url?.startsWith('/mc/cxf/rest/events?'))
            json({ result: 'SUCCESS', events, lastSequence: 3 });
          else response.writeHead(404).end();
        }),
      );
      url = `http://127.0.0.1:${server.port}`;
    });

    after(async () => {
      await server.stop();
    });

    it('reads a flat `type` discriminator with kind fields on the event', async () => {
      pollMethod = 'pollEvents';
      events = EXPECTED;
      await expectPolled(createRestTransport(config(url, FLAT_PROFILE)));
    });

    it('reads Jackson’s `@type` as the xsi:type of a JSON event', async () => {
      pollMethod = 'pollTypedEvents';
      events = EXPECTED.map(({ type, ...fields }) => ({ '@type': `${type}Event`, ...fields }));
      await expectPolled(createRestTransport(config(url, TYPED_PROFILE)));
    });
  });
});
