import { expect } from 'chai';
import { eventually } from '@tvox-connector/testkit';
import { noopMetrics, type Metrics } from '@tvox-connector/core';
import { AGENT, RelayHarness } from './support/relay-harness';

describe('TVox starting its event stream again (REST poll, SQLite store, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;
  const restarts: string[] = [];
  const metrics: Metrics = {
    ...noopMetrics,
    increment: (name, labels) => {
      if (name === 'tvox_event_stream_restarts_total') restarts.push(labels?.signal ?? '');
    },
  };

  beforeEach(async () => {
    restarts.length = 0;
    h = await new RelayHarness(undefined, { metrics }).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const say = (id: string, text: string) =>
    h.relay.accept([h.channel.message({ id, chat: 'r1', from: 'u-r1', text })]);

  /** The agent takes the conversation's session TVox has now and writes `text`. */
  async function agentWrites(text: string): Promise<void> {
    let sessionId: string | undefined;
    await eventually(async () => {
      [{ sessionId } = { sessionId: undefined }] = await h.simulator.client.sessions({
        connector: 'CONN',
      });
      return sessionId !== undefined;
    });
    await h.simulator.client.login(AGENT);
    await h.simulator.client.accept(AGENT, sessionId!);
    await h.simulator.client.reply(AGENT, sessionId!, { text });
  }

  it('applies the events TVox gives after its state was reset, under sequences seen before', async () => {
    await say('1', 'before the reset');
    await agentWrites('the agent, before');
    await eventually(() => h.channel.textsTo('r1').includes('the agent, before'));

    // TVox loses its state: sessions, and its event sequences, which start again from 1.
    await h.simulator.client.reset();
    await say('2', 'after the reset');
    await agentWrites('the agent, after');
    await eventually(() => h.channel.textsTo('r1').includes('the agent, after'));
    expect(h.channel.textsTo('r1').filter((t) => t === 'the agent, after')).to.have.length(1);
    expect(restarts).to.include('poll');
  });
});
