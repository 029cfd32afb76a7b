import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { createPostgresStore } from '@tvox-connector/store-postgres';
import { eventually } from '@tvox-connector/testkit';
import pg from 'pg';
import {
  customerMessages,
  deliver,
  killConnector,
  messageText,
  startConnector,
  type ConnectorProcess,
} from './support/connector-processes';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const INSTANCES = 3;
const CHATS = 24;
const MESSAGES_PER_CHAT = 8;

/** Connector instances behind a round-robin "load balancer". */
class Fleet {
  private next = 0;

  constructor(readonly instances: ConnectorProcess[]) {}

  /** The instance the next webhook goes to. */
  pick(): ConnectorProcess {
    const instance = this.instances[this.next++ % this.instances.length];
    if (instance === undefined) throw new Error('no instance is running');
    return instance;
  }

  /** Takes `instance` out of the rotation and kills it with SIGKILL. */
  async kill(instance: ConnectorProcess): Promise<void> {
    this.instances.splice(this.instances.indexOf(instance), 1);
    await killConnector(instance);
  }
}

/**
 * Every chat sends its messages in order, as a network does: each message is posted to the next
 * instance, and one that got no 2xx (its instance died) is posted again, to another, before the
 * next message. Resolves with how many messages were acknowledged.
 */
async function converse(fleet: Fleet, chats: readonly string[]): Promise<number> {
  let acknowledged = 0;
  await Promise.all(
    chats.map(async (chat) => {
      for (let index = 0; index < MESSAGES_PER_CHAT; index++) {
        while (!(await deliver(fleet.pick().url, chat, index))) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        acknowledged += 1;
      }
    }),
  );
  return acknowledged;
}

describe('several connector instances on one PostgreSQL', function () {
  this.timeout(120_000);
  const schema = `tvox_fleet_${randomBytes(6).toString('hex')}`;
  const db = new pg.Client({ connectionString: DATABASE_URL });
  let simulator: RunningSimulator;
  let fleet: Fleet;

  const start = (): Promise<ConnectorProcess> =>
    startConnector(simulator.url, {
      STORE: 'postgres',
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    });

  /** Waits until every message of `chats` reached TVox, then checks each arrived once, in order. */
  async function expectDeliveredOnceInOrder(chats: readonly string[]): Promise<void> {
    const count = async (): Promise<number> => {
      const byChat = await customerMessages(simulator);
      return chats.reduce((sum, chat) => sum + (byChat.get(chat)?.length ?? 0), 0);
    };
    await eventually(async () => (await count()) >= chats.length * MESSAGES_PER_CHAT, 60_000);
    const byChat = await customerMessages(simulator);
    for (const chat of chats) {
      const received = byChat.get(chat) ?? [];
      expect(
        received.map((m) => m.text),
        `${chat}: every message once, in order`,
      ).to.deep.equal(Array.from({ length: MESSAGES_PER_CHAT }, (_, i) => messageText(chat, i)));
      expect(new Set(received.map((m) => m.messageId)).size, `${chat}: messageIds`).to.equal(
        MESSAGES_PER_CHAT,
      );
    }
    const sessions = await simulator.client.sessions({ connector: 'CONN' });
    const opened = sessions.filter((s) => chats.includes(s.channelSessionId));
    expect(opened, 'one session per conversation').to.have.length(chats.length);
  }

  /** Checks the shared ledger shows each message of `chats` once, sent. */
  async function expectLedgerSent(chats: readonly string[]): Promise<void> {
    const states = async (): Promise<Record<string, number>> => {
      const { rows } = await db.query<{ state: string; count: number }>(
        `SELECT state, count(*)::integer AS count FROM ${schema}.messages
         WHERE direction = 'inbound' AND conversation_id = ANY ($1::text[]) GROUP BY state`,
        [chats],
      );
      return Object.fromEntries(rows.map((row) => [row.state, row.count]));
    };
    // The last outcomes may still be committing when TVox already has every message.
    await eventually(async () => Object.keys(await states()).join() === 'sent', 30_000);
    expect(await states()).to.deep.equal({ sent: chats.length * MESSAGES_PER_CHAT });
  }

  before(async () => {
    await db.connect();
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    // Three instances starting together race to migrate the new schema.
    fleet = new Fleet(await Promise.all(Array.from({ length: INSTANCES }, start)));
  });

  after(async () => {
    await Promise.all([...fleet.instances].map((instance) => fleet.kill(instance)));
    await simulator.stop();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  });

  it('migrates the schema once when three instances start together', async () => {
    const { rows } = await db.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(rows.map((row) => row.version)).to.deep.equal([1, 2, 3, 4]);
    const store = createPostgresStore({ url: DATABASE_URL, schema });
    await store.migrate();
    await store.close();
  });

  it('delivers every message once per messageId, in order per session, from webhooks spread round-robin', async () => {
    const chats = Array.from({ length: CHATS }, (_, i) => `calm${i}`);
    expect(await converse(fleet, chats)).to.equal(CHATS * MESSAGES_PER_CHAT);
    await expectDeliveredOnceInOrder(chats);
    await expectLedgerSent(chats);
  });

  it('loses nothing, doubles nothing and keeps order when the instance polling events is killed -9 mid-run and a new one started', async () => {
    const chats = Array.from({ length: CHATS }, (_, i) => `storm${i}`);
    const conversing = converse(fleet, chats);
    // Mid-run: the instance that polls TVox's events also holds leases of lanes it is working.
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM ${schema}.messages WHERE conversation_id LIKE 'storm%' AND state = 'sent'`,
      );
      return rows.length >= (CHATS * MESSAGES_PER_CHAT) / 4;
    }, 30_000);
    const { rows } = await db.query<{ owner: string }>(`SELECT owner FROM ${schema}.leader_leases`);
    const leaderPid = Number(rows[0]?.owner.split(':').at(-1));
    const leader = fleet.instances.find((instance) => instance.child.pid === leaderPid);
    expect(leader, 'one of the instances leads the event polling').to.not.equal(undefined);
    if (leader) await fleet.kill(leader);
    fleet.instances.push(await start());
    expect(await conversing).to.equal(CHATS * MESSAGES_PER_CHAT);
    await expectDeliveredOnceInOrder(chats);
    await expectLedgerSent(chats);
    // Events still flow: another instance took the polling over and acknowledged everything.
    await eventually(async () => {
      const [connector] = (await simulator.client.state()).connectors;
      return connector !== undefined && connector.ackedSequence === connector.lastSequence;
    }, 30_000);
  });
});
