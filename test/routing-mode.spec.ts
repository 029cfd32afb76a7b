/**
 * Routing mode against the simulator speaking the documented MCC (`mcc-1.0`): the customer's
 * messages stay with the connector, TVox gets a session (`startSession`) on the channel's TVox
 * channel with the desk's link of the session as its data and never a message text.
 */
import { expect } from 'chai';
import { eventually } from '@tvox-connector/testkit';
import type { InboundMessage } from '@tvox-connector/core';
import { CHANNEL, DESK_URL, RelayHarness } from './support/relay-harness';

describe('routing mode (mcc-1.0 simulator, SQLite store, REST transport)', function () {
  this.timeout(30_000);
  let h: RelayHarness;

  beforeEach(async () => {
    h = await new RelayHarness(undefined, {}, {}, {}).start();
  });

  afterEach(async () => {
    await h.stop();
  });

  const conversation = (chat: string) => ({ channel: CHANNEL, id: chat });
  const say = (
    chat: string,
    id: string,
    text: string,
    sender: Partial<InboundMessage['sender']> = {},
  ) => {
    const message = h.channel.message({ id, chat, from: `u-${chat}`, text });
    return h.relay.accept([{ ...message, sender: { ...message.sender, ...sender } }]);
  };
  const inboundLedger = (chat: string) =>
    h.relay.messages({ conversation: conversation(chat), direction: 'inbound' });

  it('starts a session with the desk link as its data and no text; the messages wait in the ledger as sent', async () => {
    await say('r1', '1', 'Hello, my order is late');
    await say('r1', '2', 'Order 1234');
    await eventually(async () => (await inboundLedger('r1')).every((m) => m.state === 'sent'));
    const ledger = await inboundLedger('r1');
    expect(ledger).to.have.length(2);
    const sessionKey = ledger[0]!.sessionKey!;
    expect(ledger[1]!.sessionKey).to.equal(sessionKey);

    const sessions = await h.simulator.client.sessions({ connector: 'CONN' });
    expect(sessions, 'one session for the conversation').to.have.length(1);
    const [session] = sessions;
    expect(session).to.deep.include({
      sessionId: sessionKey,
      serviceCode: 'SUPPORT',
      channelData: `${DESK_URL}/sessions/${sessionKey}`,
      subject: `${CHANNEL} · Customer u-r1`,
    });
    expect(session!.routing?.channelId).to.equal(1);
    expect(session!.transcript, 'no message text went to TVox').to.deep.equal([]);
    const stored = await h.store.getSession(sessionKey);
    expect(stored?.state.mode).to.equal('routing');
  });

  it('sends a contact value only where the adapter set one, never the network user id', async () => {
    await say('r2', '1', 'no contact value');
    await say('r3', '1', 'with a number', { contactValue: '+390612345678' });
    await eventually(async () =>
      [...(await inboundLedger('r2')), ...(await inboundLedger('r3'))].every(
        (m) => m.state === 'sent',
      ),
    );
    const sessions = await h.simulator.client.sessions({ connector: 'CONN' });
    const routing = sessions.map((s) => s.routing?.contactValue);
    expect(routing).to.have.members([undefined, '+390612345678']);
  });
});
