import { expect } from 'chai';
import { request } from 'undici';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { CallbackServer, signature } from './support/callback-server';
import { RestConnector } from './support/rest-connector';
import { kindsOf, stepOf } from './support/wire-events';

const SECRET = 'a-shared-hmac-secret';

describe('simulator REST endpoint', () => {
  let simulator: RunningSimulator;
  let callback: CallbackServer;
  let poller: RestConnector;
  let pusher: RestConnector;

  before(async () => {
    callback = await new CallbackServer().start();
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: 'a1', name: 'Giulia Bianchi' }],
      connectors: [
        { code: 'POLL', password: 'poll-secret' },
        {
          code: 'PUSH',
          events: { mode: 'push', url: callback.url, auth: { kind: 'hmac', secret: SECRET } },
        },
      ],
      push: { retryBaseMs: 10, retryMaxMs: 50 },
    });
    poller = new RestConnector(simulator.url, 'POLL', 'poll-secret');
    pusher = new RestConnector(simulator.url, 'PUSH');
  });

  after(async () => {
    await simulator.stop();
    await callback.stop();
  });

  beforeEach(async () => {
    await simulator.client.reset();
    callback.pushes.length = 0;
    callback.failFirst = 0;
    await simulator.client.login('a1');
  });

  it('drives a full session with events by poll: open, messages both ways, close', async () => {
    const opened = await poller.open('u1', { subject: 'Order 1234', attributes: { vip: 'yes' } });
    expect(opened).to.deep.include({ result: 'SUCCESS', status: 'BOOKED' });
    const sessionId = opened.sessionId!;
    expect(await poller.send(sessionId, 'm1', 'Where is my order?')).to.deep.equal({
      result: 'SUCCESS',
    });
    await simulator.client.accept('a1', sessionId);
    await simulator.client.typing('a1', sessionId);
    const replyId = await simulator.client.reply('a1', sessionId, { text: 'It ships today.' });
    await simulator.client.closeSession('a1', sessionId, 'answered');

    const { events = [], lastSequence } = await poller.poll();
    expect(events.map(stepOf)).to.deep.equal([
      'QUEUED',
      'BOOKED',
      'ASSIGNED',
      'agentTyping',
      'agentMessage',
      'CLOSED',
    ]);
    expect(events[0]).to.deep.equal({
      sequence: 1,
      sessionId,
      at: events[0]?.at,
      statusChanged: { status: 'QUEUED' },
    });
    expect(events.map(kindsOf).every((kinds) => kinds.length === 1)).to.equal(true);
    expect(events[4]?.agentMessage).to.deep.equal({
      messageId: replyId,
      agentCode: 'a1',
      agentName: 'Giulia Bianchi',
      text: 'It ships today.',
    });
    expect(lastSequence).to.equal(6);
    expect(await poller.ack(6)).to.deep.equal({ result: 'SUCCESS' });
    expect((await poller.poll()).events).to.equal(undefined);

    const { body } = await poller.call('GET', `/sessions/${sessionId}/status?connector=POLL`);
    expect(body).to.deep.equal({ result: 'SUCCESS', status: 'CLOSED' });
    const ledger = await simulator.client.session(sessionId);
    expect(ledger.transcript.map((t) => [t.from, t.text])).to.deep.equal([
      ['customer', 'Where is my order?'],
      ['agent', 'It ships today.'],
    ]);
    expect(ledger).to.deep.include({
      subject: 'Order 1234',
      attributes: { vip: 'yes' },
      closeReason: 'answered',
    });
  });

  it('pushes events signed with HMAC-SHA256, retrying until the callback takes them', async () => {
    callback.failFirst = 2;
    const { sessionId } = await pusher.open('u2');
    await simulator.client.accept('a1', sessionId!);
    await eventually(() => callback.events().length === 3);
    expect(callback.events().map((e) => e.sequence)).to.deep.equal([1, 2, 3]);
    expect(callback.events().map(stepOf)).to.deep.equal(['QUEUED', 'BOOKED', 'ASSIGNED']);
    for (const push of callback.pushes) {
      expect(push.headers['x-tvox-signature']).to.equal(signature(SECRET, push.body));
      expect(JSON.parse(push.body)).to.have.property('connectorCode', 'PUSH');
    }
    await eventually(async () => (await simulator.client.events('PUSH')).pendingEvents === 0);
  });

  it('answers a malformed request 400 and changes nothing', async () => {
    const missing = await poller.call('POST', '/sessions', { connectorCode: 'POLL' });
    expect(missing.status).to.equal(400);
    expect(missing.body).to.deep.include({ result: 'FAILED', errorCode: 'INVALID_REQUEST' });
    expect(missing.body.errorMessage).to.contain('serviceCode: required');
    const garbled = await poller.call('POST', '/sessions', '{"connectorCode": ');
    expect(garbled.status).to.equal(400);
    const badQuery = await poller.call('GET', '/events?connector=POLL&after=-1&max=5');
    expect(badQuery.status).to.equal(400);
    expect(await simulator.client.sessions()).to.deep.equal([]);
  });

  it('answers bad or missing credentials 401, and credentials of another connector FAILED', async () => {
    const anonymous = new RestConnector(simulator.url, 'POLL');
    expect((await anonymous.call('GET', '/events?connector=POLL')).status).to.equal(401);
    const wrong = new RestConnector(simulator.url, 'POLL', 'guess');
    expect((await wrong.call('GET', '/events?connector=POLL')).status).to.equal(401);
    const asOther = await poller.call('GET', '/events?connector=PUSH');
    expect(asOther).to.deep.include({ status: 200 });
    expect(asOther.body).to.deep.include({ result: 'FAILED', errorCode: 'UNAUTHORIZED' });
    const unknown = await new RestConnector(simulator.url, 'NOBODY').call(
      'GET',
      '/events?connector=NOBODY',
    );
    expect(unknown.body).to.deep.include({ result: 'FAILED', errorCode: 'UNAUTHORIZED' });
  });

  it('refuses an oversized body with 413', async () => {
    const huge = {
      connectorCode: 'POLL',
      message: {
        messageId: 'big',
        text: 'x'.repeat(2 * 1024 * 1024),
        sentAt: new Date().toISOString(),
      },
    };
    expect((await poller.call('POST', '/sessions/s/messages', huge)).status).to.equal(413);
  });

  it('publishes a WADL whose resources point at this server', async () => {
    const response = await request(`${simulator.url}/mc/cxf/rest?_wadl`);
    const wadl = await response.body.text();
    expect(response.headers['content-type']).to.match(/xml/);
    expect(wadl).to.contain(`base="${simulator.url}/mc/cxf/rest"`);
    expect(wadl).to.contain('id="openSession"');
  });
});

describe('simulator tvox-mc-relay with nothing configured', () => {
  it('starts with the demo directory and its connector, says so, and answers commands', async () => {
    const lines: string[] = [];
    const simulator = await startSimulator({ port: 0, log: (line) => lines.push(line) });
    try {
      expect(lines.join('\n'))
        .to.match(/demo directory/)
        .and.match(/connectors CONNECTOR/);
      const answer = await request(
        `${simulator.url}/mc/cxf/rest/sessions/none/status?connector=CONNECTOR`,
        {
          headers: {
            authorization: `Basic ${Buffer.from('CONNECTOR:connector-secret').toString('base64')}`,
          },
        },
      );
      expect(JSON.parse(await answer.body.text())).to.deep.equal({
        result: 'SUCCESS',
        status: 'UNKNOW',
      });
    } finally {
      await simulator.stop();
    }
  });
});
