/**
 * The mcc-1.0 REST/JSON endpoint end to end with raw HTTP: GET with query parameters under
 * /mc/cxf/rest/json, plain JSON answers; and what an mcc-1.0 simulator starts with.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { request } from 'undici';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';

const DOCUMENTED_FAIL_REASONS = [
  'GENERIC',
  'INVALID_CHANNEL_ID',
  'NO_LICENSE',
  'UNKNOWN_CHANNEL_ID',
];

/** GETs `/mc/cxf/rest/json/{operation}?{query}` and answers the status, type and body text. */
async function get(url: string, operation: string, query: string, user?: [string, string]) {
  const response = await request(`${url}/mc/cxf/rest/json/${operation}?${query}`, {
    headers: user
      ? { authorization: `Basic ${Buffer.from(user.join(':')).toString('base64')}` }
      : {},
  });
  const text = await response.body.text();
  return { status: response.statusCode, type: String(response.headers['content-type']), text };
}

async function getJson(url: string, operation: string, query: string, user?: [string, string]) {
  const answer = await get(url, operation, query, user);
  expect(answer.status, answer.text).to.equal(200);
  expect(answer.type).to.match(/^application\/json/);
  return JSON.parse(answer.text) as Record<string, unknown>;
}

describe('simulator mcc-1.0 REST endpoint', () => {
  let simulator: RunningSimulator;
  const user: [string, string] = ['CONN', 'conn-secret'];

  before(async () => {
    simulator = await startSimulator({
      profile: 'mcc-1.0',
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: 'giulia', name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: 'conn-secret' }],
      channels: [{ id: 1 }, { id: 2, licensed: false }, { id: 3, licences: 2 }, { id: 1003 }],
    });
  });

  after(async () => {
    await simulator.stop();
  });

  beforeEach(async () => {
    await simulator.client.reset();
  });

  it('publishes the WADL based at /mc/cxf/rest/json and the WSDL importing ?xsd=1', async () => {
    const wadl = await (await request(`${simulator.url}/mc/cxf/rest?_wadl`)).body.text();
    expect(wadl).to.contain(`<resources base="${simulator.url}/mc/cxf/rest/json">`);
    const wsdl = await (await request(`${simulator.url}/mc/cxf/soap?wsdl`)).body.text();
    expect(wsdl).to.contain(`schemaLocation="${simulator.url}/mc/cxf/soap?xsd=1"`);
    expect(wsdl).to.contain(`location="${simulator.url}/mc/cxf/soap"`);
  });

  it('starts a session from query parameters, decoded once, and answers plain JSON', async () => {
    const query =
      'channelId=1&serviceid=SUPPORT&sessionId=r%2F1&data=a%2Bb+c%2541&description=Hello%20there';
    const answer = await getJson(simulator.url, 'startSession', query, user);
    expect(answer, 'absent fields are not sent').to.deep.equal({
      result: 'SUCCESS',
      sessionId: 'r/1',
    });
    const session = await simulator.client.session('r/1');
    expect(session.channelData).to.equal('a+b c%41');
    expect(session.subject).to.equal('Hello there');
  });

  it('gives the same contact id to the same contact value, and echoes a given contactId', async () => {
    const first = await getJson(
      simulator.url,
      'startSession',
      'channelId=1&serviceid=SUPPORT&contactValue=%2B39333',
      user,
    );
    const second = await getJson(
      simulator.url,
      'startSession',
      'channelId=1&serviceid=SUPPORT&contactValue=%2B39333',
      user,
    );
    expect(first.contactValue).to.equal('+39333');
    expect(second.contactId).to.equal(first.contactId);
    const given = await getJson(
      simulator.url,
      'startSession',
      'channelId=1&serviceid=SUPPORT&contactId=c-42',
      user,
    );
    expect(given).to.include({ result: 'SUCCESS', contactId: 'c-42' });
    expect(given).not.to.have.property('contactValue');
  });

  it('answers 400 for a channelId that is not an int; an absent one is 0: INVALID_CHANNEL_ID', async () => {
    for (const bad of ['abc', '1.5', '', '99999999999']) {
      const answer = await get(
        simulator.url,
        'startSession',
        `channelId=${bad}&serviceid=SUPPORT`,
        user,
      );
      expect(answer.status, `channelId=${bad}`).to.equal(400);
    }
    expect(await getJson(simulator.url, 'startSession', 'serviceid=SUPPORT', user)).to.include({
      result: 'FAILED',
      failReason: 'INVALID_CHANNEL_ID',
    });
  });

  it('refuses an unlicensed channel, an unknown one and a missing service', async () => {
    const reasons = await Promise.all(
      ['channelId=2&serviceid=SUPPORT', 'channelId=9&serviceid=SUPPORT', 'channelId=1'].map(
        async (query) => (await getJson(simulator.url, 'startSession', query, user)).failReason,
      ),
    );
    expect(reasons).to.deep.equal(['NO_LICENSE', 'UNKNOWN_CHANNEL_ID', 'GENERIC']);
  });

  it('follows the session with getSessionStatus and closes it with closeSession', async () => {
    await getJson(
      simulator.url,
      'startSession',
      'channelId=1003&serviceid=SUPPORT&sessionId=s1',
      user,
    );
    expect(await getJson(simulator.url, 'getSessionStatus', 'sessionId=s1', user)).to.deep.equal({
      result: 'SUCCESS',
      status: 'QUEUED',
    });
    await simulator.client.login('giulia');
    expect(await getJson(simulator.url, 'getSessionStatus', 'sessionId=s1', user)).to.deep.equal({
      result: 'SUCCESS',
      status: 'BOOKED',
      agent: 'giulia',
    });
    expect(
      await getJson(simulator.url, 'closeSession', 'sessionId=s1&reason=spam', user),
    ).to.deep.equal({
      result: 'SUCCESS',
    });
    expect((await simulator.client.session('s1')).closeReason).to.equal('spam');
    expect(await getJson(simulator.url, 'getSessionStatus', 'sessionId=s1', user)).to.deep.equal({
      result: 'SUCCESS',
      status: 'CLOSED',
    });
    expect(await getJson(simulator.url, 'closeSession', 'sessionId=gone', user)).to.include({
      result: 'FAILED',
      failReason: 'UNKNOWN_SESSION',
    });
  });

  it('answers 401 without the connector password, and injected faults like any TVox call', async () => {
    expect(
      (await get(simulator.url, 'startSession', 'channelId=1&serviceid=SUPPORT')).status,
    ).to.equal(401);
    await simulator.client.injectFaults({ failNext: { count: 1, status: 503 } });
    expect((await get(simulator.url, 'getSessionStatus', 'sessionId=x', user)).status).to.equal(
      503,
    );
    expect((await get(simulator.url, 'getSessionStatus', 'sessionId=x', user)).status).to.equal(
      200,
    );
  });

  it('accepts any valid startSession or fails it with a documented reason, never a 500', async () => {
    const text = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          channelId: fc.oneof(fc.constantFrom(0, 1, 2, 3, 1003, 4), fc.integer()),
          serviceid: fc.option(fc.constantFrom('SUPPORT', 'SALES', ''), { nil: undefined }),
          sessionId: fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: undefined }),
          data: text,
          description: text,
          contactId: text,
          contactValue: text,
        }),
        async (input) => {
          const query = new URLSearchParams(
            Object.entries(input).flatMap(([key, value]) =>
              value === undefined ? [] : [[key, String(value)] as [string, string]],
            ),
          ).toString();
          const answer = await getJson(simulator.url, 'startSession', query, user);
          if (answer.result === 'SUCCESS') {
            expect(answer.sessionId).to.be.a('string');
          } else {
            expect(answer.result).to.equal('FAILED');
            expect(DOCUMENTED_FAIL_REASONS).to.include(answer.failReason);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('simulator mcc-1.0 with nothing configured', () => {
  it('starts with the demo directory, says so, and takes calls without credentials', async () => {
    const lines: string[] = [];
    const simulator = await startSimulator({
      profile: 'mcc-1.0',
      port: 0,
      log: (line) => lines.push(line),
    });
    try {
      expect(lines).to.have.lengthOf(1);
      expect(lines[0])
        .to.match(/demo directory/)
        .and.match(/SUPPORT/)
        .and.match(/giulia, marco/);
      const state = await simulator.client.state();
      expect(state.profile).to.equal('mcc-1.0');
      expect(state.agents.map((a) => a.code)).to.deep.equal(['giulia', 'marco']);
      expect(state.channels?.map((c) => c.id)).to.deep.equal([1, 2, 3, 1003]);
      const answer = await getJson(
        simulator.url,
        'startSession',
        'channelId=1&serviceid=SUPPORT&sessionId=d1',
      );
      expect(answer.result).to.equal('SUCCESS');
      expect((await simulator.client.session('d1')).connectorCode).to.equal('default');
    } finally {
      await simulator.stop();
    }
  });
});
