/**
 * Routing mode with two instances on one PostgreSQL schema against the mcc-1.0 simulator: the
 * statuses are asked by one instance at a time (the status lease), and every notice reaches the
 * customer once, whichever instance accepted the message or delivers the notice.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import {
  NoticesConfig,
  Relay,
  RelayConfig,
  RoutingConfig,
  type SessionStatusRequest,
} from '@tvox-connector/core';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { createPostgresStore } from '@tvox-connector/store-postgres';
import { eventually } from '@tvox-connector/testkit';
import { createRestTransport } from '@tvox-connector/transport-rest';
import pg from 'pg';
import { FakeChannel } from './support/fake-channel';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENT = 'giulia';
const PASSWORD = 'conn-password';

/** One connector instance: its relay, its channel, and the status queries its transport made. */
interface Instance {
  readonly relay: Relay;
  readonly channel: FakeChannel;
  readonly asked: string[];
}

describe('routing mode on PostgreSQL with two instances', function () {
  this.timeout(30_000);
  const schema = `tvox_routing_${randomBytes(6).toString('hex')}`;
  let simulator: RunningSimulator;
  let instances: Instance[];

  async function startInstance(name: string): Promise<Instance> {
    const transport = createRestTransport({
      connectorCode: 'CONN',
      tvox: {
        url: simulator.url,
        profile: 'mcc-1.0',
        auth: { kind: 'basic', password: PASSWORD },
        timeoutMs: 2_000,
        connectTimeoutMs: 1_000,
        maxConnections: 4,
      },
      events: { mode: 'poll', intervalMs: 20, max: 100 },
    });
    const asked: string[] = [];
    const ask = transport.getSessionStatus.bind(transport);
    transport.getSessionStatus = (request: SessionStatusRequest, options) => {
      asked.push(request.session.id);
      return ask(request, options);
    };
    const channel = new FakeChannel('fake');
    const relay = new Relay(
      {
        channels: [
          {
            id: 'fake',
            adapter: 'fake',
            serviceCode: 'SUPPORT',
            tvoxChannelId: 1,
            entryPoints: {},
            settings: {},
          },
        ],
        relay: RelayConfig.parse({ initialDelayMs: 20, maxDelayMs: 200, leaseMs: 3_000 }),
        notices: NoticesConfig.parse({}),
        idleMs: 20,
        instanceId: name,
        profile: 'mcc-1.0',
        routing: RoutingConfig.parse({
          deskUrl: 'https://desk.example.com/desk',
          maxCallsPerSecond: 500,
          status: { waitingIntervalMs: 20, assignedIntervalMs: 40 },
        }),
      },
      {
        store: createPostgresStore({ url: DATABASE_URL, schema }),
        transport,
        adapters: [channel],
      },
    );
    await relay.start();
    return { relay, channel, asked };
  }

  before(async () => {
    simulator = await startSimulator({
      profile: 'mcc-1.0',
      channels: [{ id: 1 }],
      port: 0,
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: PASSWORD }],
    });
    instances = [await startInstance('one'), await startInstance('two')];
  });

  after(async () => {
    for (const instance of instances) await instance.relay.stop();
    await simulator.stop();
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  });

  const textsTo = (chat: string) => instances.flatMap((i) => i.channel.textsTo(chat));

  it('asks the statuses from one instance only, and tells the customer each change once', async () => {
    const [one, two] = instances as [Instance, Instance];
    // The customer's messages reach either instance.
    await one.relay.accept([one.channel.message({ id: '1', chat: 'c1', from: 'u1', text: 'Hi' })]);
    await two.relay.accept([
      two.channel.message({ id: '2', chat: 'c1', from: 'u1', text: 'Hello?' }),
    ]);
    await eventually(() => textsTo('c1').length === 1);
    const [session] = await simulator.client.sessions({ connector: 'CONN' });
    await simulator.client.login(AGENT);
    await eventually(
      async () => (await simulator.client.session(session!.sessionId)).status === 'BOOKED',
    );
    await simulator.client.accept(AGENT, session!.sessionId);
    await eventually(() => textsTo('c1').length === 2);
    await simulator.client.closeSession(AGENT, session!.sessionId);
    await eventually(() => textsTo('c1').length === 3);

    expect(textsTo('c1').sort()).to.deep.equal(
      [
        'Thanks for your message. You are in the queue: an agent will be with you shortly.',
        'An agent has joined the conversation.',
        'The conversation has been closed. Write again at any time to start a new one.',
      ].sort(),
    );
    // Besides the credentials check each instance makes at start, with an id no session has.
    const askers = instances.filter((instance) => instance.asked.includes(session!.sessionId));
    expect(askers, 'one instance follows the session').to.have.length(1);
    expect(await simulator.client.sessions({ connector: 'CONN' })).to.have.length(1);
  });
});
