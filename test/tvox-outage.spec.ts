import { expect } from 'chai';
import { isReady } from '@tvox-connector/core';
import { startSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { CONNECTOR_PASSWORD, RelayHarness } from './support/relay-harness';

/** Lets the relay's workers try for `ms`: long enough for many attempts at these settings. */
const meanwhile = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TVox down for longer than the attempts last (SQLite store, REST transport, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;

  beforeEach(async () => {
    // Two attempts 20 ms apart: without the circuit, any outage would dead-letter.
    h = await new RelayHarness(
      undefined,
      {},
      { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 100 },
    ).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const say = (chat: string, id: string, text: string): Promise<void> =>
    h.relay.accept([h.channel.message({ id, chat, from: 'u', text })]);

  it('holds what customers write while TVox is unreachable, spends no attempt, and delivers it in order once TVox is back', async () => {
    await say('c1', '1', 'before');
    await eventually(async () => (await h.receivedByTvox('c1')).length === 1);
    const url = h.simulator.url;
    await h.simulator.stop();

    for (let i = 1; i <= 5; i++) await say('c1', `d${i}`, `during ${i}`);
    await eventually(async () => {
      const tvox = (await h.relay.readiness()).find((check) => check.name === 'tvox');
      return tvox?.ok === false && (tvox.detail ?? '').includes('held');
    });
    await meanwhile(1_000);
    expect(await h.relay.deadLetters(), 'nothing dead-lettered by the outage').to.deep.equal([]);
    expect(isReady(await h.relay.readiness()), 'still accepting durably').to.equal(true);

    h.simulator = await startSimulator({
      port: Number(new URL(url).port),
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      connectors: [{ code: 'CONN', password: CONNECTOR_PASSWORD }],
    });
    await eventually(async () => (await h.receivedByTvox('c1')).length === 5, 15_000);
    expect(await h.receivedByTvox('c1')).to.deep.equal([1, 2, 3, 4, 5].map((i) => `during ${i}`));
    expect((await h.relay.readiness()).find((check) => check.name === 'tvox')?.ok).to.equal(true);
    expect(await h.relay.deadLetters()).to.deep.equal([]);
  });

  it('holds a message sent while the connector password is being rotated, and delivers it with the new one', async () => {
    await say('c2', '1', 'before the rotation');
    await eventually(async () => (await h.receivedByTvox('c2')).length === 1);
    await h.simulator.client.putConnector('CONN', { password: 'changed-in-tvox-first' });
    await say('c2', '2', 'written meanwhile');
    await meanwhile(1_000);
    expect(await h.relay.deadLetters()).to.deep.equal([]);
    await h.simulator.client.putConnector('CONN', { password: CONNECTOR_PASSWORD });
    await eventually(async () => (await h.receivedByTvox('c2')).length === 2, 15_000);
    expect(await h.receivedByTvox('c2')).to.deep.equal([
      'before the rotation',
      'written meanwhile',
    ]);
  });
});
