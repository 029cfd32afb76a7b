import { expect } from 'chai';
import { isReady, noopMetrics, type MetricLabels, type Metrics } from '@tvox-connector/core';
import { RecordingLogger, eventually } from '@tvox-connector/testkit';
import { AGENT, CONNECTOR_PASSWORD, RelayHarness } from './support/relay-harness';

describe('TVox refusing the credentials while running (REST, SQLite store, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;
  let logger: RecordingLogger;
  let refusals: MetricLabels[];

  beforeEach(async () => {
    logger = new RecordingLogger();
    refusals = [];
    const metrics: Metrics = {
      ...noopMetrics,
      increment: (name, labels = {}) => {
        if (name === 'tvox_auth_failures_total') refusals.push(labels);
      },
    };
    h = await new RelayHarness(undefined, { metrics, logger }).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('keeps polling events with back-off, alerts once and counts every refusal, and relays again once the password matches', async () => {
    await h.relay.accept([h.channel.message({ id: '1', chat: 'c1', from: 'u', text: 'Hello' })]);
    await eventually(async () => (await h.receivedByTvox('c1')).length === 1);
    const [session] = await h.simulator.client.sessions({ connector: 'CONN' });
    if (session === undefined) throw new Error('TVox opened a session');

    // The password is changed in TVox first; the connector's configuration follows later.
    await h.simulator.client.putConnector('CONN', { password: 'rotated-in-tvox-first' });
    await eventually(() => refusals.length >= 3);
    expect(new Set(refusals.map((labels) => labels.command))).to.deep.equal(
      new Set(['pollEvents']),
    );
    expect(
      logger
        .messages('error')
        .filter((m) => m === 'polling TVox events failed; retrying with back-off'),
      'one alert for the whole refusal, not one per poll',
    ).to.have.length(1);
    const readiness = await h.relay.readiness();
    const tvox = readiness.find((check) => check.name === 'tvox');
    expect(tvox, 'said, without taking the instance out').to.deep.include({
      ok: false,
      advisory: true,
    });
    expect(tvox?.detail).to.match(/HTTP 401/);
    expect(isReady(readiness), 'still accepting durably').to.equal(true);

    await h.simulator.client.login(AGENT);
    await h.simulator.client.accept(AGENT, session.sessionId);
    await h.simulator.client.reply(AGENT, session.sessionId, { text: 'Written meanwhile.' });
    await h.simulator.client.putConnector('CONN', { password: CONNECTOR_PASSWORD });
    await eventually(() => h.channel.textsTo('c1').includes('Written meanwhile.'), 15_000);
    expect(
      logger.messages('info').some((m) => m.startsWith('polling TVox events recovered')),
    ).to.equal(true);
  });
});
