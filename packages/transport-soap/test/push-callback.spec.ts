import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  callbackSignature,
  loadProfile,
  readPush,
  type CallbackAuth,
  type CompiledOperation,
  type HttpAnswer,
  type TvoxEvent,
} from '@tvox-connector/core';
import type { RunningSimulator } from '@tvox-connector/simulator';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { expect } from 'chai';
import fc from 'fast-check';
import { pushNames } from '../src/push/push-names';
import { soapPushCodec } from '../src/push/soap-push-codec';
import { notifyEnvelope } from './support/notify-envelope';
import { soapConfig, startTestSimulator } from './support/simulator-harness';

const CONNECTOR = 'PUSHED';
const BASIC_AUTH: CallbackAuth = { kind: 'basic', username: 'tvox', password: 'callback-secret' };
const HMAC_AUTH: CallbackAuth = {
  kind: 'hmac',
  secret: 'a-long-shared-callback-secret',
  header: 'x-tvox-signature',
};
const basicHeader = `Basic ${Buffer.from('tvox:callback-secret').toString('base64')}`;

const statusEvent = (sequence: number): TvoxEvent => ({
  type: 'statusChanged',
  sequence,
  sessionId: 's1',
  at: '2026-11-25T09:00:00.000Z',
  status: 'QUEUED',
});

let simulator: RunningSimulator;
before(async () => {
  simulator = await startTestSimulator();
});
after(async () => {
  await simulator.stop();
});

/** A transport pushed to, started against the simulator's WSDL (its callback reads through it). */
async function pushTransport(auth: CallbackAuth): Promise<SoapTransport> {
  const transport = createSoapTransport(
    soapConfig(
      simulator.url,
      CONNECTOR,
      {},
      {
        mode: 'push',
        callbackUrl: 'http://127.0.0.1:8080/tvox/soap',
        auth,
      },
    ),
  );
  await transport.start();
  return transport;
}

/** The relay profile's push callback, to read decoded pushes with. */
async function relayCallback(file = 'tvox-mc-relay'): Promise<CompiledOperation> {
  const operation = (await loadProfile(file)).operations.notifyEvents;
  if (!operation) throw new Error(`${file} has no push callback`);
  return operation;
}

async function post(
  transport: SoapTransport,
  body: string,
  headers: Record<string, string> = { authorization: basicHeader },
): Promise<HttpAnswer> {
  const callback = transport.callback;
  if (!callback) throw new Error('the transport has no callback');
  return callback.handle({
    method: 'POST',
    path: callback.path,
    query: {},
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    rawBody: Buffer.from(body, 'utf8'),
  });
}

describe('SOAP push callback', () => {
  let transport: SoapTransport;
  let batches: TvoxEvent[][];
  let failing: boolean;

  beforeEach(async () => {
    transport = await pushTransport(BASIC_AUTH);
    batches = [];
    failing = false;
    await transport.subscribe(async (events) => {
      if (failing) throw new Error('the store is down (injected by the test)');
      batches.push([...events]);
    });
  });

  afterEach(async () => {
    await transport.stop();
  });

  it('takes a notifyEvents envelope and answers notifyEventsResponse with SUCCESS', async () => {
    const message: TvoxEvent = {
      type: 'agentMessage',
      sequence: 2,
      sessionId: 's1',
      at: '2026-11-25T09:00:01.000+01:00',
      messageId: 'a1',
      agentCode: 'agent1',
      text: '  Salve <cliente> & "benvenuto"  ',
      attachments: [{ name: 'a.png', contentType: 'image/png', size: 12, url: 'https://f/a.png' }],
    };
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [statusEvent(1), message] });
    expect(body).to.contain(
      '<events><sequence>1</sequence><sessionId>s1</sessionId><at>2026-11-25T09:00:00.000Z</at>' +
        '<statusChanged><status>QUEUED</status></statusChanged></events>',
    );
    const answer = await post(transport, body);
    expect(answer.status).to.equal(200);
    expect(answer.contentType).to.match(/^text\/xml/);
    expect(answer.body).to.contain(
      '<ns2:notifyEventsResponse xmlns:ns2="http://mc.tvox-connector.org/"><return><result>SUCCESS</result></return></ns2:notifyEventsResponse>',
    );
    expect(batches).to.deep.equal([[statusEvent(1), message]]);
  });

  it('answers SOAP 1.2 (application/soap+xml) and other types 415 with a SOAP 1.1 Client fault, before reading the body', async () => {
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [statusEvent(1)] });
    const callback = transport.callback;
    if (!callback?.screen) return expect.fail('the callback screens requests on their headers');
    for (const contentType of ['application/soap+xml; charset=utf-8', 'application/json', '']) {
      const headers = {
        authorization: basicHeader,
        ...(contentType === '' ? {} : { 'content-type': contentType }),
      };
      const screened = await callback.screen({ method: 'POST', path: '/', query: {}, headers });
      // Refused by the handler too, for a server that does not screen.
      const answer = contentType === '' ? screened : await post(transport, body, headers);
      for (const refused of [screened, answer]) {
        expect(refused?.status, contentType).to.equal(415);
        expect(refused?.contentType).to.match(/^text\/xml/);
        expect(refused?.body).to.contain('<faultcode>soap:Client</faultcode>');
        expect(refused?.body).to.contain('text/xml');
      }
    }
    const screened = await callback.screen({
      method: 'POST',
      path: '/',
      query: {},
      headers: { authorization: basicHeader, 'content-type': 'text/xml; charset=utf-8' },
    });
    expect(screened, 'SOAP 1.1 is read').to.equal(undefined);
    expect(batches).to.deep.equal([]);
  });

  it('refuses missing or wrong Basic credentials with 401 before reading the body', async () => {
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [statusEvent(1)] });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Basic dHZveDp3cm9uZw==' }];
    for (const headers of attempts) {
      const answer = await post(transport, body, headers);
      expect(answer.status).to.equal(401);
      expect(answer.body).to.contain('<faultcode>soap:Client</faultcode>');
    }
    expect(batches).to.deep.equal([]);
  });

  it('checks an HMAC-SHA256 signature of the raw body', async () => {
    const signed = await pushTransport(HMAC_AUTH);
    const received: number[] = [];
    await signed.subscribe(async (events) => {
      received.push(...events.map((e) => e.sequence));
    });
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [statusEvent(7)] });
    const signature = callbackSignature('a-long-shared-callback-secret', body);
    expect((await post(signed, body, { 'x-tvox-signature': 'deadbeef' })).status).to.equal(401);
    expect((await post(signed, `${body} `, { 'x-tvox-signature': signature })).status).to.equal(
      401,
    );
    expect(
      (await post(signed, body, { 'x-tvox-signature': `sha256=${signature}` })).status,
    ).to.equal(200);
    expect(received).to.deep.equal([7]);
    await signed.stop();
  });

  it('refuses DOCTYPE and ENTITY declarations (XXE, entity expansion) with 400', async () => {
    const inner = notifyEnvelope({ connectorCode: '&xxe;', events: [statusEvent(1)] }).replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '',
    );
    const bodies = [
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${inner}`,
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY xxe "&a;&a;&a;&a;">]>${inner}`,
      `<!doctype x>${inner}`,
    ];
    for (const body of bodies) {
      const answer = await post(transport, body);
      expect(answer.status).to.equal(400);
      expect(answer.body).to.contain('soap:Client').and.contain('DOCTYPE');
      expect(answer.body).not.to.contain('root:');
    }
    expect(batches).to.deep.equal([]);
  });

  it('refuses malformed bodies with 400, and events for another connector', async () => {
    const bodies = [
      '<<<{{{ not xml',
      '<?xml version="1.0"?><hello/>',
      notifyEnvelope(
        { connectorCode: CONNECTOR, events: [statusEvent(1)] },
        { operation: 'other' },
      ),
      notifyEnvelope({ connectorCode: CONNECTOR }),
      notifyEnvelope({ connectorCode: 'SOMEONE-ELSE', events: [statusEvent(1)] }),
    ];
    for (const body of bodies) expect((await post(transport, body)).status, body).to.equal(400);
    expect(batches).to.deep.equal([]);
  });

  it('sets an unreadable event aside and takes the push, so one bad event never stalls the rest', async () => {
    const unreadable = { type: 'statusChanged', sequence: 1, sessionId: 's' };
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [unreadable, statusEvent(2)] });
    expect((await post(transport, body)).status).to.equal(200);
    expect(batches).to.deep.equal([[statusEvent(2)]]);
  });

  it('answers 503 with a soap:Server fault when the handler fails, so TVox pushes again', async () => {
    failing = true;
    const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [statusEvent(1)] });
    const answer = await post(transport, body);
    expect(answer.status).to.equal(503);
    expect(answer.body).to.contain('<faultcode>soap:Server</faultcode>');
    failing = false;
    expect((await post(transport, body)).status).to.equal(200);
    expect(batches).to.deep.equal([[statusEvent(1)]]);
  });

  it('reads a release’s names: operation, namespace, renamed fields inside lists', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'push-profile-'));
    const file = join(scratch, 'release.yaml');
    writeFileSync(
      file,
      [
        'name: deliver',
        'extends: tvox-mc-relay',
        'operations:',
        '  notifyEvents:',
        '    operation: deliverEvents',
        '    answer: { connectorCode: account }',
        '    events:',
        '      kinds: { statusChanged: { fields: { agentName: statusChanged.operatorName } } }',
      ].join('\n'),
    );
    const operation = await relayCallback(file);
    rmSync(scratch, { recursive: true, force: true });
    const codec = soapPushCodec(() => pushNames(operation, undefined, 'urn:example:tvox:v2'));
    const body = notifyEnvelope(
      {
        account: CONNECTOR,
        events: [{ ...statusEvent(3), status: 'BOOKED', agentCode: 'a1', operatorName: 'Giulia' }],
      },
      { operation: 'deliverEvents', namespace: 'urn:example:tvox:v2' },
    );
    expect(readPush(operation, codec.decode(Buffer.from(body)))).to.deep.equal({
      connectorCode: CONNECTOR,
      events: [{ ...statusEvent(3), status: 'BOOKED', agentCode: 'a1', agentName: 'Giulia' }],
      unreadable: [],
    });
    expect(codec.answer('accepted', 'ok').body).to.contain(
      '<ns2:deliverEventsResponse xmlns:ns2="urn:example:tvox:v2"><return><result>SUCCESS</result></return>',
    );
  });

  it('decodes character references, as Java stacks write some characters (&#xD;, &#233;)', async () => {
    const operation = await relayCallback();
    const codec = soapPushCodec(() => pushNames(operation, undefined, undefined));
    const text = fc.string({
      unit: fc.constantFrom('a', ' ', '\n', '\r', '<', '&', 'é', '€', '😀'),
      minLength: 1,
    });
    fc.assert(
      fc.property(text, (written) => {
        const event: TvoxEvent = {
          type: 'agentMessage',
          sequence: 1,
          sessionId: 's1',
          at: '2026-11-25T09:00:00.000Z',
          messageId: 'm1',
          agentCode: 'agent1',
          text: 'PLACEHOLDER',
        };
        // Every code point as a reference, decimal and hexadecimal in turn.
        let references = '';
        let i = 0;
        for (const ch of written) {
          const code = ch.codePointAt(0) ?? 0;
          references += i++ % 2 === 0 ? `&#${code};` : `&#x${code.toString(16).toUpperCase()};`;
        }
        const body = notifyEnvelope({ connectorCode: CONNECTOR, events: [event] }).replace(
          'PLACEHOLDER',
          references,
        );
        const decoded = readPush(operation, codec.decode(Buffer.from(body, 'utf8')));
        expect(decoded.events).to.deep.equal([{ ...event, text: written }]);
      }),
    );
  });

  it('reads back any event text exactly, whatever XML would escape', async () => {
    const operation = await relayCallback();
    const codec = soapPushCodec(() => pushNames(operation, undefined, undefined));
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        ' ',
        '\n',
        '\t',
        '<',
        '>',
        '&',
        '"',
        "'",
        ']]>',
        'é',
        '€',
        '😀',
      ),
      minLength: 1,
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }),
        (messages) => {
          const events: TvoxEvent[] = messages.map(([body, files], i) => ({
            type: 'agentMessage',
            sequence: i + 1,
            sessionId: 's1',
            at: '2026-11-25T09:00:00.000Z',
            messageId: `m${i}`,
            agentCode: 'agent1',
            text: body,
            ...(files === 0
              ? {}
              : {
                  attachments: Array.from({ length: files }, (_, n) => ({
                    name: `${body} ${n}`,
                    contentType: 'text/plain',
                    size: n,
                    url: `https://files.example.com/${n}`,
                  })),
                }),
          }));
          const body = notifyEnvelope({ connectorCode: CONNECTOR, events });
          const decoded = readPush(operation, codec.decode(Buffer.from(body, 'utf8')));
          expect(decoded).to.deep.equal({ connectorCode: CONNECTOR, events, unreadable: [] });
        },
      ),
    );
  });
});
