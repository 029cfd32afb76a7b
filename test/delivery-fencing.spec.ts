import { expect } from 'chai';
import { ErrorCode, lanes, type OutboundMessage } from '@tvox-connector/core';
import { createSqliteStore } from '@tvox-connector/store-sqlite';
import { eventually } from '@tvox-connector/testkit';
import { CHANNEL, RelayHarness } from './support/relay-harness';

const conversation = { channel: CHANNEL, id: 'c1' };
const reply: OutboundMessage = {
  kind: 'message',
  messageId: 'out:tc-1:agent-1',
  conversation,
  origin: 'agent',
  text: 'Your parcel left this morning.',
  attachments: [],
  quickReplies: [],
};

/**
 * Leaves the agent's reply in the database as an instance that died mid-send leaves it: queued,
 * claimed, its lease run out with no outcome recorded; or only queued, when not `interrupted`.
 */
async function leaveReply(path: string, interrupted = true): Promise<void> {
  const store = createSqliteStore({ path });
  await store.migrate();
  await store.accept([
    {
      message: {
        id: reply.messageId,
        direction: 'outbound',
        conversation,
        networkMessageIds: [],
        payload: reply,
        acceptedAt: Date.now(),
      },
      job: {
        kind: 'deliverOutbound',
        lane: lanes.outbound(conversation),
        messageId: reply.messageId,
        payload: reply,
      },
    },
  ]);
  if (interrupted) {
    const [claimed] = await store.claim({
      owner: 'instance-killed-mid-send',
      leaseMs: 1,
      limit: 1,
    });
    expect(claimed?.messageId).to.equal(reply.messageId);
  }
  await store.close();
  await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sends interrupted by a dying instance (SQLite store, REST transport, simulator)', function () {
  this.timeout(30_000);
  let h: RelayHarness;

  beforeEach(() => {
    h = new RelayHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('does not send again to a network that cannot tell a repeat: the reply waits in the dead letters as uncertain', async () => {
    await leaveReply(h.databasePath);
    await h.start();
    await eventually(async () => (await h.relay.deadLetters()).length === 1);
    const [letter] = await h.relay.deadLetters();
    expect(letter?.failure.code).to.equal(ErrorCode.DeliveryUncertain);
    expect(letter?.failure.message).to.match(/interrupted.*dead-letters replay/);
    expect(h.channel.sent, 'not sent blindly a second time').to.deep.equal([]);
    expect((await h.store.getMessage(reply.messageId))?.state).to.equal('failed');

    expect(await h.relay.replay(), 'someone checked: it had not arrived').to.equal(1);
    await eventually(() => h.channel.textsTo('c1').length === 1);
    expect(h.channel.textsTo('c1')).to.deep.equal([reply.text]);
    await eventually(async () => (await h.store.getMessage(reply.messageId))?.state === 'sent');
  });

  it('sends again to a network that deduplicates, once', async () => {
    await leaveReply(h.databasePath);
    h.channel.idempotentSend = true;
    await h.start();
    await eventually(() => h.channel.textsTo('c1').length === 1);
    await eventually(async () => (await h.store.getMessage(reply.messageId))?.state === 'sent');
    expect(await h.relay.deadLetters()).to.deep.equal([]);
    expect(h.channel.textsTo('c1')).to.deep.equal([reply.text]);
  });

  it('does not retry a send left without an answer on a network that cannot tell a repeat', async () => {
    await leaveReply(h.databasePath, false);
    h.channel.failNext({ status: 'no answer' });
    await h.start();
    await eventually(async () => (await h.relay.deadLetters()).length === 1);
    const [letter] = await h.relay.deadLetters();
    expect(letter?.failure.code).to.equal(ErrorCode.DeliveryUncertain);
    expect(letter?.failure.message).to.contain('the call got no answer');
    expect(h.channel.sent, 'not sent a second time').to.deep.equal([]);
  });

  it('retries a send left without an answer on a network that deduplicates', async () => {
    await leaveReply(h.databasePath, false);
    h.channel.idempotentSend = true;
    h.channel.failNext({ status: 'no answer' });
    await h.start();
    await eventually(() => h.channel.textsTo('c1').length === 1);
    expect(await h.relay.deadLetters()).to.deep.equal([]);
  });
});
