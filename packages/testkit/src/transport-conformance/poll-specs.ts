import { expect } from 'chai';
import { eventually } from '../wait.js';
import { AGENT, collector } from './fixtures.js';
import type { TransportHarness } from './harness.js';

/** Events by poll: in sequence order, acknowledged only once the handler stored them. */
export function pollSpecs(h: TransportHarness): void {
  describe('events by poll', () => {
    it('delivers events in sequence order and acknowledges only what the handler stored', async () => {
      const transport = await h.poller();
      expect(transport.eventMode).to.equal('poll');
      expect(transport.callback, 'a poll transport has no callback').to.equal(undefined);
      const received = collector(1);
      const subscription = await transport.subscribe(received.handler);
      const { sessionId } = await h.open(transport);
      await h.simulator.client.accept(AGENT, sessionId);
      await h.simulator.client.reply(AGENT, sessionId, { text: 'Hi!' });
      await eventually(() => received.sequences().length === 4);
      expect(received.sequences()).to.deep.equal([1, 2, 3, 4]);
      await h.allAcknowledged('POLLER');
      await subscription.close();
    });
  });
}
