import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContractMismatchError,
  parseConnectorConfig,
  type ConnectorConfig,
} from '@tvox-connector/core';
import { createLogger, startConnector, type RunningConnector } from '@tvox-connector/cli';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import { FakeBotApi } from '../../../adapters/telegram/test/support/fake-bot-api';
import {
  BOT_TOKEN,
  CHAT_ID,
  FILE_SECRET,
  SECRET_TOKEN,
  message,
  update,
} from '../../../adapters/telegram/test/support/telegram-fixtures';
import { LogCapture } from './support/log-capture';

/** What the agent writes: it must reach Telegram, never a log line. */
const MARKER = 'marker-agent-text-7f3c9e';

describe('a Telegram channel in the connector', function () {
  this.timeout(30_000);
  let folder: string;
  let simulator: RunningSimulator;
  let api: FakeBotApi;
  let connector: RunningConnector | undefined;
  let logs: LogCapture;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-cli-'));
    logs = new LogCapture();
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: 'a1', name: 'Giulia Bianchi' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    api = await FakeBotApi.start(BOT_TOKEN);
  });

  afterEach(async () => {
    await connector?.stop();
    await Promise.all([api.close(), simulator.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  /** A connector with one Telegram channel `tg` on the fake Bot API, by webhook. */
  function config(overrides: { tvoxUrl?: string; register?: boolean } = {}): ConnectorConfig {
    return parseConnectorConfig({
      connectorCode: 'CONN',
      transport: 'rest',
      tvox: {
        url: overrides.tvoxUrl ?? simulator.url,
        auth: { kind: 'basic', password: 'conn-password' },
      },
      events: { mode: 'poll', intervalMs: 50 },
      channels: [
        {
          id: 'tg',
          adapter: 'telegram',
          serviceCode: 'SUPPORT',
          settings: {
            botToken: BOT_TOKEN,
            apiRoot: api.apiRoot,
            receive: {
              mode: 'webhook',
              secretToken: SECRET_TOKEN,
              register: overrides.register ?? false,
            },
            fileLinks: { secret: FILE_SECRET },
          },
        },
      ],
      store: { kind: 'sqlite', path: join(folder, 'db.sqlite') },
      server: { port: 0 },
      relay: { initialDelayMs: 20, maxDelayMs: 100 },
      log: { level: 'debug' },
    });
  }

  async function start(config: ConnectorConfig): Promise<RunningConnector> {
    connector = await startConnector(config, {
      logger: createLogger({ level: 'debug', destination: logs }),
    });
    return connector;
  }

  const setWebhookCalls = () => api.calls.filter((call) => call.path.endsWith('/setWebhook'));

  it('registers the webhook once TVox took the connector, at the route the connector serves', async () => {
    const { publicUrl } = await start(config({ register: true }));
    await eventually(() => api.callsOf('setWebhook').length === 1, 10_000);
    expect(api.callsOf('setWebhook')[0]).to.have.property('url', `${publicUrl}/webhooks/tg`);
    const answer = await request(`${publicUrl}/webhooks/tg`, { method: 'POST', body: '{}' });
    await answer.body.dump();
    expect(answer.statusCode, 'the registered URL is served: unsigned, refused').to.equal(401);
    await eventually(async () => (await request(`${publicUrl}/readyz`)).statusCode === 200);
  });

  it('registers no webhook when the start is refused', async () => {
    // A TVox serving the MultiChannel Connector 1.0 only: the contract check refuses it for good.
    const routingOnly = await startSimulator({
      port: 0,
      profile: 'mcc-1.0',
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    try {
      const refused = await start(config({ register: true, tvoxUrl: routingOnly.url })).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, 'the start is refused').to.be.instanceOf(ContractMismatchError);
      expect(setWebhookCalls()).to.deep.equal([]);
    } finally {
      await routingOnly.stop();
    }
  });

  it('registers the webhook while TVox cannot be reached, messages being accepted', async () => {
    await simulator.stop();
    await start(config({ register: true }));
    await eventually(() => api.callsOf('setWebhook').length === 1, 10_000);
    simulator = await startSimulator({ port: 0, services: [{ code: 'SUPPORT' }] });
  });

  it('logs the Telegram method, code and description of a failed send, never its text', async () => {
    const { publicUrl } = await start(config());
    const webhookUrl = `${publicUrl}/webhooks/tg`;
    expect(
      await api.deliver(webhookUrl, update(1, message(10, { text: 'hi' })), SECRET_TOKEN),
    ).to.equal(200);
    let sessionId = '';
    await eventually(async () => {
      sessionId = (await simulator.client.sessions({ connector: 'CONN' }))[0]?.sessionId ?? '';
      return sessionId !== '';
    }, 10_000);
    await simulator.client.login('a1');
    await simulator.client.accept('a1', sessionId);
    // The agent's joining notice goes out first; the agent's text then fails twice.
    const joined = () =>
      api.delivered(CHAT_ID).some((d) => d.kind === 'text' && d.text.includes('Giulia Bianchi'));
    await eventually(joined, 10_000);
    api.failNext({ kind: 'server-error', status: 502 }, { kind: 'refused' });
    await simulator.client.reply('a1', sessionId, { text: MARKER });
    await eventually(
      () =>
        logs.lines.some(
          (line) => line.msg === 'delivery failed for good; moved to the dead letters',
        ),
      10_000,
    );

    const retried = logs.lines.find((line) => line.msg === 'delivery failed; retrying');
    expect(
      retried?.err,
      'the retried failure names the call and Telegram’s answer',
    ).to.deep.include({
      type: 'NetworkApiError',
      network: 'telegram',
      operation: 'sendMessage',
      status: 502,
      networkCode: '502: Bad Gateway',
    });
    expect(api.delivered(CHAT_ID).map((d) => (d.kind === 'text' ? d.text : d.kind))).to.not.include(
      MARKER,
    );
    const leaking = logs.raw.filter((line) => line.includes(MARKER));
    expect(leaking, 'log lines with the agent’s text').to.deep.equal([]);
  });
});
