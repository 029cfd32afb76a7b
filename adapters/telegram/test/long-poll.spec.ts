import {
  ConfigError,
  InboundGate,
  UnavailableError,
  noopMetrics,
  silentLogger,
  type InboundActivity,
  type InboundSink,
  type SinkCursors,
} from '@tvox-connector/core';
import { RecordingSink, eventually, expectRejection } from '@tvox-connector/testkit';
import { createTelegramAdapter, type TelegramAdapter } from '@tvox-connector/adapter-telegram';
import { expect } from 'chai';
import { FakeBotApi } from './support/fake-bot-api';
import {
  BOT_TOKEN,
  UNSUPPORTED,
  message,
  pollingSettings,
  update,
} from './support/telegram-fixtures';

/** A recording sink with cursors in memory, which can refuse the next batches as a store would. */
class CursorSink extends RecordingSink {
  readonly values = new Map<string, string>();
  refusals = 0;
  readonly cursors: SinkCursors = {
    get: async (name) => this.values.get(name),
    set: async (name, value) => {
      this.values.set(name, value);
    },
  };

  override async accept(activities: readonly InboundActivity[]): Promise<void> {
    if (this.refusals > 0) {
      this.refusals -= 1;
      throw new UnavailableError('the store is down (injected by the test)');
    }
    await super.accept(activities);
  }
}

describe('Telegram long polling', () => {
  let api: FakeBotApi;
  let sink: CursorSink;
  let running: TelegramAdapter[] = [];

  beforeEach(async () => {
    api = await FakeBotApi.start(BOT_TOKEN);
    sink = new CursorSink();
  });

  afterEach(async () => {
    await Promise.all(running.map((a) => a.stop()));
    running = [];
    await api.close();
  });

  const start = async (into: InboundSink = sink) => {
    const adapter = createTelegramAdapter({
      id: 'telegram',
      settings: pollingSettings(api.apiRoot, 'https://connector.example.com/telegram'),
    });
    running.push(adapter);
    // Through core's inbound gate, as the relay starts an adapter.
    await adapter.start(
      new InboundGate(adapter, into, { logger: silentLogger, metrics: noopMetrics }),
    );
    return adapter;
  };
  const text = (id: number, words: string) => update(id, message(100 + id, { text: words }));
  const texts = () => sink.messages.map((m) => m.text);

  it('removes any webhook, then stores what it polls and only then advances the offset', async () => {
    api.queueUpdate(text(1, 'first'));
    api.queueUpdate(text(2, 'second'));
    await start();
    await eventually(() => sink.values.get('telegram:offset') === '3');
    expect(texts()).to.deep.equal(['first', 'second']);
    expect(api.callsOf('deleteWebhook')).to.deep.equal([{ drop_pending_updates: false }]);
    await eventually(() => api.offsets.includes(3));
    expect(api.offsets[0]).to.equal(0);
  });

  it('resumes from the stored offset after a restart: nothing lost, nothing repeated', async () => {
    api.queueUpdate(text(1, 'before the restart'));
    const first = await start();
    await eventually(() => sink.values.get('telegram:offset') === '2');
    await first.stop();
    api.queueUpdate(text(2, 'after the restart'));
    const offsetsBefore = api.offsets.length;
    await start();
    await eventually(() => texts().length === 2);
    expect(texts()).to.deep.equal(['before the restart', 'after the restart']);
    expect(api.offsets[offsetsBefore]).to.equal(2);
  });

  it('keeps the offset while the store refuses a batch, and stores it on a later poll', async () => {
    sink.refusals = 2;
    api.queueUpdate(text(1, 'kept'));
    await start();
    await eventually(() => texts().length === 1);
    expect(texts()).to.deep.equal(['kept']);
    expect(api.offsets.slice(0, 3)).to.deep.equal([0, 0, 0]);
    await eventually(() => sink.values.get('telegram:offset') === '2');
  });

  it('skips what it does not relay, advancing past it', async () => {
    for (const { update: u } of UNSUPPORTED) api.queueUpdate(u);
    await start();
    const last = Math.max(...UNSUPPORTED.map((u) => u.update.update_id));
    await eventually(() => sink.values.get('telegram:offset') === String(last + 1));
    expect(sink.messages).to.deep.equal([]);
  });

  it('retries after the Bot API fails, and refuses to start on a sink without cursors', async () => {
    api.failNext(
      { kind: 'server-error', status: 502 },
      { kind: 'rate-limited', retryAfterSeconds: 1 },
    );
    api.queueUpdate(text(1, 'after the failures'));
    await start();
    await eventually(() => texts().length === 1);
    const error = await expectRejection(start(new RecordingSink()));
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message).to.contain('channels.telegram.settings.receive.mode');
  });

  for (const status of [401, 404] as const) {
    it(`stops polling for good when Telegram answers ${status} for the bot token, and says so in readiness`, async () => {
      api.queueUpdate(text(1, 'before the token was revoked'));
      const adapter = await start();
      await eventually(() => sink.values.get('telegram:offset') === '2');
      expect(adapter.readiness()).to.deep.equal({ ok: true });
      const polls = () => api.calls.filter((call) => call.path.endsWith('/getUpdates')).length;
      const before = polls();
      api.revokeToken(status);
      await eventually(() => !adapter.readiness().ok);
      expect(adapter.readiness().detail)
        .to.contain('long polling stopped: Telegram refused the bot token')
        .and.to.contain(`HTTP ${status}`)
        .and.not.to.contain(BOT_TOKEN);
      expect(polls() - before, 'the first refusal stopped it, never retried').to.equal(1);
      expect(texts()).to.deep.equal(['before the token was revoked']);
    });
  }
});
