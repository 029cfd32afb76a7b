import { join } from 'node:path';
import {
  NoLicenseError,
  RemoteRejectedError,
  TransportCallError,
  type OpenSessionRequest,
} from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
import { createRestTransport, type RestTransport } from '@tvox-connector/transport-rest';
import { expect } from 'chai';
import { ScriptedRestServer, fixtureWadl, json } from './support/scripted-rest-server';

const PROFILE = join(__dirname, 'fixtures', 'cxf.profile.yaml');
const AT = '2026-11-25T09:00:00Z';

/** A startSession request on TVox channel 2, with the fields the test gives. */
function startRequest(
  session: Partial<OpenSessionRequest['session']> = {},
  contact: Partial<OpenSessionRequest['contact']> = {},
): OpenSessionRequest {
  return {
    request: { id: 'r1' },
    session: { id: 's-1', serviceCode: 'SUPPORT', ...session },
    channel: { id: 'webchat', tvoxChannelId: 2 },
    conversation: { id: 'chat-1' },
    contact: { id: 'u1', ...contact },
  };
}

const FAIL_REASONS = [
  { reason: 'GENERIC', meaning: 'rejected', retryable: false },
  { reason: 'INVALID_CHANNEL_ID', meaning: 'invalid-channel', retryable: false },
  { reason: 'NO_LICENSE', meaning: 'no-license', retryable: true },
  { reason: 'UNKNOWN_CHANNEL_ID', meaning: 'invalid-channel', retryable: false },
] as const;

/** A server serving `wadl` and a transport for `profile` on it, started before the suite. */
function against(wadl: string | undefined, profile: string) {
  // Filled in by before(), read by the tests.
  const context = {} as { server: ScriptedRestServer; transport: RestTransport };
  before(async () => {
    context.server = await new ScriptedRestServer(wadl).start();
    context.transport = createRestTransport(context.server.config(profile));
    await context.transport.start();
  });
  after(async () => {
    await context.transport.stop();
    await context.server.stop();
  });
  return context;
}

describe('REST transport against a CXF-style release (WADL with a nested resource)', () => {
  const run = against(fixtureWadl('cxf'), PROFILE);

  it('sends startSession as GET with the query the profile fills, below the WADL’s base path', async () => {
    run.server.answer = json(200, { result: 'SUCCESS', sessionId: 's-1', contactId: 'c-9' });
    expect(
      await run.transport.openSession(
        startRequest({ description: 'Order 12' }, { value: '+39 02' }),
      ),
    ).to.deep.equal({ sessionId: 's-1', contactId: 'c-9' });
    const call = run.server.last();
    expect([call.method, call.path]).to.deep.equal(['GET', '/mc/cxf/rest/json/startSession']);
    expect(call.headers.host).to.equal(new URL(run.server.url).host);
    expect(Object.fromEntries(call.query)).to.deep.equal({
      channelId: '2',
      serviceid: 'SUPPORT',
      sessionId: 's-1',
      description: 'Order 12',
      contactValue: '+39 02',
    });
  });

  it('leaves absent fields out of the query rather than sending them empty', async () => {
    run.server.answer = json(200, { result: 'SUCCESS' });
    await run.transport.openSession(startRequest());
    const { url } = run.server.last();
    for (const absent of ['data', 'description', 'contactId', 'contactValue'])
      expect(url, absent).not.to.contain(`${absent}=`);
  });

  it('encodes query values once: &, +, spaces, % and non-ASCII arrive as written', async () => {
    const description = 'a&b=c + 50% off ü 漢字';
    run.server.answer = json(200, { result: 'SUCCESS' });
    await run.transport.openSession(startRequest({ description, data: '100%25' }));
    const call = run.server.last();
    expect(call.query.get('description')).to.equal(description);
    expect(call.query.get('data')).to.equal('100%25');
    expect(call.url).to.contain('data=100%2525');
  });

  it('fills a path template, encoded once', async () => {
    run.server.answer = json(200, { result: 'SUCCESS', status: 'ASSIGNED', agent: 'a1' });
    expect(await run.transport.getSessionStatus({ session: { id: 'a/b c%' } })).to.deep.equal({
      status: 'ASSIGNED',
      agent: { code: 'a1' },
    });
    const call = run.server.last();
    expect(call.path).to.equal('/mc/cxf/rest/json/sessions/a%2Fb%20c%25/status');
    expect([...call.query.keys()]).to.deep.equal([]);
  });

  it('reads a Jettison answer: a root wrapper, numbers as text, a list of one as an object', async () => {
    run.server.answer = json(200, {
      pollEventsResult: {
        result: 'SUCCESS',
        lastSequence: '7',
        events: { sequence: '7', sessionId: 's1', at: AT, agentTyping: { agentCode: 'a1' } },
      },
    });
    expect(await run.transport.pollEvents({ poll: { afterSequence: 6, max: 10 } })).to.deep.equal({
      events: [{ type: 'agentTyping', sequence: 7, sessionId: 's1', at: AT, agentCode: 'a1' }],
      lastSequence: 7,
      unreadable: [],
    });
    expect(Object.fromEntries(run.server.last().query)).to.deep.equal({
      afterSequence: '6',
      max: '10',
    });
  });

  it('reads a Jackson answer: no root wrapper, the kinds not present as nulls', async () => {
    run.server.answer = json(200, {
      result: 'SUCCESS',
      lastSequence: 8,
      events: [
        {
          sequence: 8,
          sessionId: 's1',
          at: AT,
          statusChanged: null,
          agentTyping: { agentCode: 'a2' },
        },
      ],
    });
    const batch = await run.transport.pollEvents({ poll: { afterSequence: 7, max: 10 } });
    expect(batch.events).to.deep.equal([
      { type: 'agentTyping', sequence: 8, sessionId: 's1', at: AT, agentCode: 'a2' },
    ]);
  });

  for (const status of [200, 400, 404, 409]) {
    for (const { reason, meaning, retryable } of FAIL_REASONS) {
      it(`maps FAILED ${reason} answered with HTTP ${status} to ${meaning}`, async () => {
        run.server.answer = json(status, {
          startSessionResult: { result: 'FAILED', failReason: reason, failReasonMessage: 'no' },
        });
        const error = await expectRejection(run.transport.openSession(startRequest()));
        expect(error).to.be.instanceOf(
          reason === 'NO_LICENSE' ? NoLicenseError : RemoteRejectedError,
        );
        expect(error).to.include({ remoteCode: reason, remoteMessage: 'no', meaning, retryable });
      });
    }
  }

  it('fails the call over HTTP on a 404 without the release’s answer (a wrong route)', async () => {
    run.server.answer = { status: 404, contentType: 'text/html', body: '<html>Not Found</html>' };
    const error = await expectRejection(run.transport.openSession(startRequest()));
    expect(error).to.include({ kind: 'http-status', status: 404, retryable: false });
  });

  it('fails the call over HTTP, not retried, on a 4xx HTML page', async () => {
    run.server.answer = {
      status: 400,
      contentType: 'text/html',
      body: '<html><body><h1>HTTP Status 400 – Bad Request</h1></body></html>',
    };
    const error = await expectRejection(run.transport.openSession(startRequest()));
    expect(error).to.be.instanceOf(TransportCallError);
    expect(error).to.include({ kind: 'http-status', status: 400, retryable: false });
  });
});

describe('REST transport against a release that publishes no WADL', () => {
  const run = against(undefined, 'mcc-1.0');

  it('calls startSession through the shipped mcc-1.0 profile’s own REST binding', async () => {
    run.server.answer = json(200, { result: 'SUCCESS', sessionId: 's-1' });
    expect(await run.transport.openSession(startRequest())).to.deep.equal({ sessionId: 's-1' });
    const call = run.server.last();
    expect([call.method, call.path]).to.deep.equal(['GET', '/mc/cxf/rest/json/startSession']);
    expect(Object.fromEntries(call.query)).to.deep.equal({
      channelId: '2',
      serviceid: 'SUPPORT',
      sessionId: 's-1',
    });
  });

  for (const { reason, meaning, retryable } of FAIL_REASONS) {
    it(`maps FAILED ${reason} to ${meaning}`, async () => {
      run.server.answer = json(200, { result: 'FAILED', failReason: reason });
      const error = await expectRejection(run.transport.openSession(startRequest()));
      expect(error).to.be.instanceOf(
        reason === 'NO_LICENSE' ? NoLicenseError : RemoteRejectedError,
      );
      expect(error).to.include({ remoteCode: reason, meaning, retryable });
    });
  }

  it('runs without a guessed operation the release has no route for, once TVox says so', async () => {
    run.server.answer = { status: 404, contentType: 'text/html', body: '<html>Not Found</html>' };
    expect(run.transport.operations.has('closeSession')).to.equal(true);
    const error = await expectRejection(
      run.transport.closeSession({ session: { id: 's-1' }, close: { reason: 'done' } }),
    );
    expect(error).to.include({ code: 'TVOX_ERR_OPERATION_UNAVAILABLE', retryable: false });
    expect(run.transport.operations.has('closeSession')).to.equal(false);
    const again = await expectRejection(run.transport.closeSession({ session: { id: 's-1' } }));
    expect(again).to.include({ code: 'TVOX_ERR_OPERATION_UNAVAILABLE' });
    run.server.answer = { status: 404, contentType: 'text/html', body: '<html>Not Found</html>' };
    const documented = await expectRejection(run.transport.openSession(startRequest()));
    expect(documented, 'a documented operation stays: a 404 there is a wrong URL').to.include({
      kind: 'http-status',
      status: 404,
    });
  });
});
