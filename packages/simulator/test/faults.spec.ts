import { expect } from 'chai';
import { errors, request } from 'undici';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { CallbackServer } from './support/callback-server';
import { ManualScheduler } from './support/manual-scheduler';
import { RestConnector } from './support/rest-connector';

describe('simulator fault injection', () => {
  let simulator: RunningSimulator;
  let callback: CallbackServer;
  let connector: RestConnector;
  let pusher: RestConnector;
  const clock = new ManualScheduler();

  before(async () => {
    callback = await new CallbackServer().start();
    simulator = await startSimulator({
      port: 0,
      scheduler: clock,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: 'a1', name: 'Giulia' }],
      connectors: [
        { code: 'C1' },
        {
          code: 'PUSH',
          events: {
            mode: 'push',
            url: callback.url,
            auth: { kind: 'basic', username: 'tvox', password: 'callback-pw' },
          },
        },
      ],
      push: { retryBaseMs: 10, retryMaxMs: 20 },
    });
    connector = new RestConnector(simulator.url, 'C1');
    pusher = new RestConnector(simulator.url, 'PUSH');
  });

  after(async () => {
    await simulator.stop();
    await callback.stop();
  });

  beforeEach(async () => {
    await simulator.client.reset();
    callback.pushes.length = 0;
  });

  it('answers the next N calls with the injected 5xx, then works again', async () => {
    await simulator.client.injectFaults({ failNext: { count: 2, status: 502 } });
    expect((await simulator.client.state()).faults.failNext).to.equal(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await connector.call('GET', '/events?connector=C1')).status);
    }
    expect(statuses).to.deep.equal([502, 502, 200]);
  });

  it('refuses every call during an outage with 503, and recovers when it ends', async () => {
    await simulator.client.injectFaults({ outage: { seconds: 30 } });
    expect((await connector.call('GET', '/events?connector=C1')).status).to.equal(503);
    clock.advance(29_000);
    expect((await connector.call('POST', '/sessions', {})).status).to.equal(503);
    clock.advance(1_001);
    expect((await connector.call('GET', '/events?connector=C1')).status).to.equal(200);
  });

  it('drops connections during a reset outage, as a dead server would', async () => {
    await simulator.client.injectFaults({ outage: { seconds: 5, mode: 'reset' } });
    try {
      await connector.call('GET', '/events?connector=C1');
      expect.fail('the connection should have been dropped');
    } catch (error) {
      expect(error).to.be.instanceOf(errors.SocketError);
    }
    clock.advance(5_001);
    expect((await connector.call('GET', '/events?connector=C1')).status).to.equal(200);
  });

  it('delays answers by the injected latency (a client time-out shorter than it fires)', async () => {
    await simulator.client.injectFaults({ latencyMs: 400 });
    try {
      await request(`${simulator.url}/mc/cxf/rest/events?connector=C1`, {
        signal: AbortSignal.timeout(100),
      });
      expect.fail('should time out');
    } catch (error) {
      expect((error as Error).name).to.equal('TimeoutError');
    }
    await simulator.client.clearFaults();
    expect((await connector.call('GET', '/events?connector=C1')).status).to.equal(200);
  });

  it('delivers a push twice when asked to duplicate', async () => {
    await simulator.client.injectFaults({ duplicatePushes: 1 });
    await pusher.open('dup');
    await eventually(() => callback.pushes.length >= 2);
    expect(callback.pushes[1]?.events).to.deep.equal(callback.pushes[0]?.events);
    await eventually(async () => (await simulator.client.events('PUSH')).pendingEvents === 0);
  });

  it('delivers the later half of a push first when asked to reorder', async () => {
    await simulator.client.login('a1');
    await simulator.client.injectFaults({ reorderPushes: 1 });
    // Two events are issued together (QUEUED then BOOKED), so the first push carries both.
    await pusher.open('reorder');
    await eventually(() => callback.events().length >= 2);
    expect(callback.events().map((e) => e.sequence)).to.deep.equal([2, 1]);
    expect(callback.pushes[0]?.headers.authorization).to.equal(
      `Basic ${Buffer.from('tvox:callback-pw').toString('base64')}`,
    );
  });

  it('refuses fault settings it does not understand, changing nothing', async () => {
    try {
      await simulator.client.injectFaults({ failNext: { count: 1, status: 404 } });
      expect.fail('should be refused');
    } catch (error) {
      expect(error).to.have.property('status', 400);
      expect((error as Error).message).to.contain('failNext.status');
    }
    expect((await simulator.client.state()).faults.failNext).to.equal(0);
  });
});
