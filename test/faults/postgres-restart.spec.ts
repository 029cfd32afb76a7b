/**
 * A PostgreSQL restart under traffic, as the connector sees it: every connection of two (or
 * three) `tvox-connector start` instances (one schema, a Telegram channel on the fake Bot API,
 * the TVox simulator) is terminated by the server a few times, while customers write through
 * webhooks and an agent replies; the last time, new connections are refused for a while too, as
 * while a server restarts. In the second scenario one of three instances is also killed -9
 * before the outage. The machine's PostgreSQL itself keeps running (other suites use it): the
 * instances connect as a role of this suite's own, whose connection limit is set to 0 for the
 * outage. What they see is what a restart or a failover shows them: `57P01`, lost connections,
 * connections refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Update } from 'grammy/types';
import pg from 'pg';
import { request } from 'undici';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { SECRET_TOKEN_HEADER } from '@tvox-connector/adapter-telegram';
import { FakeBotApi } from '../../adapters/telegram/test/support/fake-bot-api';
import {
  BOT_TOKEN,
  SECRET_TOKEN,
  webhookSettings,
} from '../../adapters/telegram/test/support/telegram-fixtures';
import { readiness, startCliConnector, type CliConnector } from '../support/cli-connector';
import { killConnector } from '../support/connector-processes';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENT = 'giulia';
const CHATS = 6;
const TERMINATIONS = 3;
/** Time between two terminations: enough for the instances to reconnect and carry on. */
const BETWEEN_TERMINATIONS_MS = 1_000;
/** How long the database refuses connections in the outage, once webhooks are answered 503. */
const OUTAGE_MS = 1_500;

/** One fault run: how many instances, and whether one is killed -9 before the outage. */
interface Scenario {
  readonly title: string;
  readonly instances: number;
  readonly killOne: boolean;
}

/** Names of the instances, in start order. */
const INSTANCE_NAMES = ['first', 'second', 'third'];

/** What the customers' webhooks were answered, counted. */
interface Answers {
  sent: number;
  accepted: number;
  unavailable: number;
  /** Requests the instance killed on purpose had in hand: no answer, so sent again. */
  cutByKill: number;
  /** Any other status, or no answer within the time-out: never expected. */
  other: string[];
}

/** The Telegram update of message `index` of chat `chatId`: its text names both. */
function customerUpdate(chatId: number, index: number): Update {
  const customer = { id: chatId, is_bot: false, first_name: `Customer ${chatId}` };
  return {
    update_id: chatId * 1_000 + index,
    message: {
      message_id: index + 1,
      from: customer,
      chat: { id: chatId, type: 'private', first_name: customer.first_name },
      date: Math.floor(Date.now() / 1000),
      text: customerText(chatId, index),
    },
  };
}

function customerText(chatId: number, index: number): string {
  return `chat ${chatId} message ${index}`;
}

/** How many times each of `expected` occurs in `seen`, for those not seen exactly once. */
function notOnce(expected: Iterable<string>, seen: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of seen) counts.set(text, (counts.get(text) ?? 0) + 1);
  const wrong = new Map<string, number>();
  for (const text of expected) {
    const count = counts.get(text) ?? 0;
    if (count !== 1) wrong.set(text, count);
  }
  return wrong;
}

for (const scenario of [
  { title: 'two instances while the database restarts', instances: 2, killOne: false },
  {
    title: 'three instances while the database restarts and one is killed -9',
    instances: 3,
    killOne: true,
  },
] satisfies Scenario[])
  faultRun(scenario);

function faultRun(scenario: Scenario): void {
  describe(`connector instances on PostgreSQL: ${scenario.title}`, function () {
    this.timeout(60_000);
    const schema = `tvox_fault_${randomBytes(6).toString('hex')}`;
    // A role and a name of this suite's own: the faults leave the other suites' connections alone.
    const role = schema;
    const applicationName = `tvox-connector-${schema}`;
    const connectorUrl = new URL(DATABASE_URL);
    connectorUrl.username = role;
    connectorUrl.password = '';
    connectorUrl.searchParams.set('application_name', applicationName);
    const db = new pg.Client({ connectionString: DATABASE_URL });
    let folder: string;
    let simulator: RunningSimulator;
    let api: FakeBotApi;
    let instances: CliConnector[] = [];

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'tvox-pg-fault-'));
      await db.connect();
      await db.query(`CREATE ROLE ${role} LOGIN`);
      await db.query(`GRANT CREATE ON DATABASE ${connectorUrl.pathname.slice(1)} TO ${role}`);
      simulator = await startSimulator({
        port: 0,
        services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
        agents: [{ code: AGENT, name: 'Giulia Bianchi', capacity: CHATS }],
        connectors: [{ code: 'CONN', password: 'conn-password' }],
      });
      api = await FakeBotApi.start(BOT_TOKEN);
      const config = (url: string): Record<string, unknown> => ({
        connectorCode: 'CONN',
        transport: 'rest',
        tvox: { url: simulator.url, auth: { kind: 'basic', password: 'conn-password' } },
        events: { mode: 'poll', intervalMs: 50 },
        store: {
          kind: 'postgres',
          url: connectorUrl.toString(),
          schema,
          pool: { max: 4 },
        },
        relay: { workers: 4, leaseMs: 3_000, initialDelayMs: 50, maxDelayMs: 500 },
        log: { level: 'info' },
        channels: [
          {
            id: 'telegram',
            adapter: 'telegram',
            serviceCode: 'SUPPORT',
            settings: webhookSettings(api.apiRoot, `${url}/webhooks/telegram`),
          },
        ],
      });
      // The first migrates the new schema; the others find it done.
      for (const name of INSTANCE_NAMES.slice(0, scenario.instances))
        instances.push(await startCliConnector(folder, name, config));
    });

    after(async () => {
      await Promise.all(instances.map(killConnector));
      instances = [];
      await api.close();
      await simulator.stop();
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.query(`REVOKE CREATE ON DATABASE ${connectorUrl.pathname.slice(1)} FROM ${role}`);
      await db.query(`DROP ROLE IF EXISTS ${role}`);
      await db.end();
      rmSync(folder, { recursive: true, force: true });
    });

    /** Ends every connection of the connector's instances, as a restarting server does. */
    async function terminateConnections(): Promise<number> {
      const { rowCount } = await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
        [applicationName],
      );
      return rowCount ?? 0;
    }

    it('answers 2xx or 503, never crashes, recovers alone, doubles nothing either way and loses nothing unreported', async () => {
      const answers: Answers = { sent: 0, accepted: 0, unavailable: 0, cutByKill: 0, other: [] };
      const acceptedTexts = new Set<string>();
      const repliesSent = new Map<number, string[]>();
      const chatIds = Array.from({ length: CHATS }, (_, i) => 7_001 + i);
      let next = 0;
      let talking = true;
      /** Customers give up a message after this, once talking stopped (an instance is gone, say). */
      let giveUpAt = Infinity;
      /** The instances not killed on purpose: customers write to them, and none may exit. */
      const live = [...instances];
      const running = (): boolean => live.every((instance) => instance.child.exitCode === null);
      const expectRunning = (): void => {
        for (const instance of live) {
          expect(instance.child.exitCode, `an instance exited:\n${instance.output()}`).to.equal(
            null,
          );
        }
      };

      /** One webhook call as Telegram makes it; true on 2xx. */
      const post = async (update: Update): Promise<boolean> => {
        const instance = live[next++ % live.length]!;
        answers.sent += 1;
        try {
          const response = await request(`${instance.url}/webhooks/telegram`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SECRET_TOKEN_HEADER]: SECRET_TOKEN },
            body: JSON.stringify(update),
            headersTimeout: 10_000,
            bodyTimeout: 10_000,
          });
          await response.body.dump();
          if (response.statusCode >= 200 && response.statusCode < 300) {
            answers.accepted += 1;
            return true;
          }
          if (response.statusCode === 503) answers.unavailable += 1;
          else answers.other.push(`HTTP ${response.statusCode}`);
        } catch (error) {
          if (live.includes(instance)) answers.other.push(String(error));
          else answers.cutByKill += 1;
        }
        return false;
      };

      /** A customer writes in order, each message sent again until answered 2xx, as Telegram does. */
      const customer = async (chatId: number): Promise<void> => {
        for (let index = 0; talking; index++) {
          const update = customerUpdate(chatId, index);
          let accepted = await post(update);
          while (!accepted && running() && Date.now() < giveUpAt) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            accepted = await post(update);
          }
          if (!accepted) return;
          acceptedTexts.add(customerText(chatId, index));
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      };

      /** The agent takes every offered chat and keeps replying, each chat in turn. */
      const agent = async (): Promise<void> => {
        await simulator.client.login(AGENT);
        while (talking && running()) {
          const desk = await simulator.client.desk(AGENT);
          for (const session of desk.sessions) {
            if (session.status === 'BOOKED')
              await simulator.client.accept(AGENT, session.sessionId);
            if (session.status !== 'ASSIGNED') continue;
            const chatId = Number(session.channelSessionId);
            const sent = repliesSent.get(chatId) ?? [];
            const text = `reply to ${chatId} number ${sent.length}`;
            await simulator.client.reply(AGENT, session.sessionId, { text });
            repliesSent.set(chatId, [...sent, text]);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };

      const traffic = Promise.all([...chatIds.map(customer), agent()]);
      // Every chat is in an agent's hands and replies flow before the first termination.
      await eventually(() => repliesSent.size === CHATS, 20_000);
      const terminated: number[] = [];
      for (let round = 1; round < TERMINATIONS; round++) {
        terminated.push(await terminateConnections());
        await new Promise((resolve) => setTimeout(resolve, BETWEEN_TERMINATIONS_MS));
      }
      if (scenario.killOne) {
        // Mid-run, with jobs in hand: its leases run out and the others take them over.
        const victim = live.pop()!;
        await killConnector(victim);
      }
      // The outage: connections lost and refused until the database is back.
      await db.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      terminated.push(await terminateConnections());
      await eventually(() => answers.unavailable > 0 || !running(), 10_000);
      expectRunning();
      const readyDuringOutage = await Promise.all(live.map(readiness));
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await db.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`);
      await new Promise((resolve) => setTimeout(resolve, BETWEEN_TERMINATIONS_MS));
      talking = false;
      giveUpAt = Date.now() + 10_000;
      await traffic;
      expectRunning();

      // Everything accepted reaches TVox, every reply reaches Telegram: then nothing more arrives.
      const customerTexts = async (): Promise<string[]> =>
        (await simulator.client.sessions({ connector: 'CONN' })).flatMap((session) =>
          session.transcript.filter((t) => t.from === 'customer').map((t) => t.text ?? ''),
        );
      const replyTexts = (): string[] =>
        chatIds.flatMap((chatId) =>
          api
            .delivered(String(chatId))
            .flatMap((d) => (d.kind === 'text' && d.text.startsWith('reply ') ? [d.text] : [])),
        );
      const allReplies = [...repliesSent.values()].flat();
      // Bounded: what is still missing then is counted as lost below.
      await eventually(async () => {
        const texts = new Set(await customerTexts());
        const replies = new Set(replyTexts());
        return (
          [...acceptedTexts].every((t) => texts.has(t)) && allReplies.every((t) => replies.has(t))
        );
      }, 20_000).catch(() => undefined);
      const inbound = notOnce(acceptedTexts, await customerTexts());
      const outbound = notOnce(allReplies, replyTexts());
      // Replies whose send was interrupted, set aside rather than sent twice to Telegram.
      const { rows: uncertain } = await db.query<{ payload: string }>(
        `SELECT payload FROM ${schema}.dead_letters WHERE failure_code = 'TVOX_ERR_DELIVERY_UNCERTAIN'`,
      );
      const setAside = new Set(
        uncertain.map((row) => (JSON.parse(row.payload) as { text?: string }).text),
      );

      const figures = {
        instances: scenario.instances,
        killed: scenario.killOne ? 1 : 0,
        terminated,
        webhooks: answers.sent,
        http2xx: answers.accepted,
        http503: answers.unavailable,
        cutByKill: answers.cutByKill,
        other: answers.other.length,
        readyDuringOutage,
        inbound: { accepted: acceptedTexts.size, lost: 0, doubled: 0 },
        replies: { sent: allReplies.length, lost: 0, doubled: 0, setAsideUncertain: setAside.size },
      };
      for (const count of inbound.values()) figures.inbound[count === 0 ? 'lost' : 'doubled']++;
      for (const [text, count] of outbound) {
        if (count > 1) figures.replies.doubled++;
        else if (!setAside.has(text)) figures.replies.lost++;
      }
      console.log(`      postgres restart figures: ${JSON.stringify(figures)}`);

      expect(
        terminated.every((count) => count > 0),
        'connections terminated',
      ).to.equal(true);
      expect(answers.other, 'webhooks answered neither 2xx nor 503').to.deep.equal([]);
      expect(readyDuringOutage, '/readyz during the outage').to.deep.equal(live.map(() => 503));
      expect(
        Object.fromEntries(inbound),
        'customer messages not in TVox exactly once',
      ).to.deep.equal({});
      const missing = [...outbound].filter(([text, count]) => count > 1 || !setAside.has(text));
      expect(
        Object.fromEntries(missing),
        'agent replies neither sent exactly once nor set aside as uncertain',
      ).to.deep.equal({});
      for (const instance of live) {
        expect(await readiness(instance), 'ready again').to.equal(200);
        // A pg client carries the server's cancel key: no log line may show one.
        expect(instance.output()).to.not.match(/secretKey|processID|"client"/);
      }
    });
  });
}
