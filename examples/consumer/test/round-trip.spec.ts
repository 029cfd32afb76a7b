import { randomUUID } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { Client } from 'pg';
import { startConsumer, type RunningConsumer } from '../src/index.js';
import { ACME_CHAT_FIXTURES } from './support/acme-chat-fixtures.js';
import { FakeAcmeChat } from './support/fake-acme-chat.js';

/** The PostgreSQL server the store runs on; each run gets a schema of its own, dropped after. */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONNECTOR_PASSWORD = 'example-connector-password';
const AGENT = 'giulia';

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

describe('the application, against the TVox simulator', function () {
  let simulator: RunningSimulator;
  let acme: FakeAcmeChat;
  let app: RunningConsumer;
  const schema = `example_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: AGENT, name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: CONNECTOR_PASSWORD }],
    });
    acme = await FakeAcmeChat.start();
    app = await startConsumer({
      connectorCode: 'CONN',
      transport: 'rest',
      tvox: { url: simulator.url, auth: { kind: 'basic', password: CONNECTOR_PASSWORD } },
      events: { mode: 'poll', intervalMs: 50 },
      store: { kind: 'postgres', url: DATABASE_URL, schema },
      server: { host: '127.0.0.1', port: 0 },
      relay: { initialDelayMs: 50, maxDelayMs: 500 },
      channels: [
        {
          id: 'acme',
          adapter: 'acme-chat',
          serviceCode: 'SUPPORT',
          settings: {
            apiUrl: acme.url,
            accessToken: 'example-access-token',
            webhookSecret: ACME_CHAT_FIXTURES.webhookSecret,
          },
        },
      ],
    });
  });

  after(async () => {
    await app.stop();
    await simulator.stop();
    await acme.close();
    await dropSchema(schema);
  });

  it('takes a customer message to a TVox agent, and the agent’s reply back to the customer', async () => {
    const body = Buffer.from(
      ACME_CHAT_FIXTURES.textMessage({
        id: 1,
        text: 'Where is my order?',
        sentAt: new Date('2026-01-05T09:30:00Z'),
      }),
    );
    const answer = await fetch(`${app.url}/webhooks/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ACME_CHAT_FIXTURES.authenticate(body) },
      body,
    });
    expect(answer.status, await answer.text()).to.equal(200);

    const customerTexts = async () =>
      (await simulator.client.sessions({ connector: 'CONN' })).flatMap((session) =>
        session.transcript.filter((t) => t.from === 'customer').map((t) => t.text),
      );
    await eventually(async () => (await customerTexts()).includes('Where is my order?'), 15_000);
    const [session] = await simulator.client.sessions({ connector: 'CONN' });
    if (session === undefined) expect.fail('no session was opened');
    await simulator.client.login(AGENT);
    await simulator.client.accept(AGENT, session.sessionId);
    await simulator.client.reply(AGENT, session.sessionId, { text: 'It ships today.' });

    await eventually(
      () =>
        acme.delivered('chat-42').some((d) => d.kind === 'text' && d.text === 'It ships today.'),
      15_000,
    );
    const ledger = await app.relay.messages({ conversation: { channel: 'acme', id: 'chat-42' } });
    expect(ledger.filter((m) => m.direction === 'inbound').map((m) => m.state)).to.deep.equal([
      'sent',
    ]);
  });
});
