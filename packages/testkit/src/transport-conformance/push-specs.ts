import { callbackSignature } from '@tvox-connector/core';
import { expect } from 'chai';
import { request } from 'undici';
import { eventually } from '../wait.js';
import { AGENT, PUSH_SECRET, collector } from './fixtures.js';
import type { TransportHarness } from './harness.js';

/**
 * Events by push: through the transport's callback in sequence order, pushed again after a
 * failed handler, re-deliveries dropped, reordered pushes lost nowhere, and bad pushes (wrong
 * signature, malformed, oversized) answered without reaching the handler.
 */
export function pushSpecs(h: TransportHarness): void {
  describe('events by push', () => {
    it('receives pushed events through its callback, in sequence order', async () => {
      const transport = await h.pusher();
      expect(transport.eventMode).to.equal('push');
      expect(transport.callback, 'a push transport exposes its callback').to.not.equal(undefined);
      const received = collector();
      await transport.subscribe(received.handler);
      const { sessionId } = await h.open(transport);
      await h.simulator.client.accept(AGENT, sessionId);
      await eventually(() => received.sequences().length === 3);
      expect(received.sequences()).to.deep.equal([1, 2, 3]);
      await h.allAcknowledged('PUSHER');
    });

    it('answers 503 when the handler fails, so TVox pushes the events again', async () => {
      const transport = await h.pusher();
      const received = collector(2);
      await transport.subscribe(received.handler);
      await h.open(transport);
      await eventually(() => received.sequences().length === 2);
      expect(received.sequences()).to.deep.equal([1, 2]);
    });

    it('drops a re-delivered event', async () => {
      const transport = await h.pusher();
      const received = collector();
      await transport.subscribe(received.handler);
      await h.simulator.client.injectFaults({ duplicatePushes: 3 });
      const { sessionId } = await h.open(transport);
      await h.simulator.client.accept(AGENT, sessionId);
      await h.allAcknowledged('PUSHER');
      expect(received.sequences()).to.deep.equal([1, 2, 3]);
    });

    it('loses nothing and orders each batch when pushes are reordered', async () => {
      const transport = await h.pusher();
      const received = collector();
      await transport.subscribe(received.handler);
      await h.simulator.client.injectFaults({ reorderPushes: 1 });
      await h.open(transport);
      await eventually(() => received.sequences().length === 2);
      expect([...received.sequences()].sort()).to.deep.equal([1, 2]);
      for (const batch of received.batches)
        expect(batch).to.deep.equal([...batch].sort((a, b) => a - b));
    });

    it('answers a push with bad credentials 401, a malformed one 400, an oversized one 413, reaching no handler', async () => {
      const transport = await h.pusher();
      const received = collector();
      await transport.subscribe(received.handler);
      const path = transport.callback?.path ?? '';
      const post = async (body: string, signature: string) => {
        const response = await request(`${h.callbacks.url}${path}`, {
          method: 'POST',
          body,
          headers: {
            'content-type': h.options.pushTechnology === 'rest' ? 'application/json' : 'text/xml',
            'x-tvox-signature': signature,
          },
        });
        await response.body.dump();
        return response.statusCode;
      };
      const garbage = '<<<{{{ not a push';
      expect(await post(garbage, 'deadbeef')).to.equal(401);
      expect(await post(garbage, callbackSignature(PUSH_SECRET, garbage))).to.equal(400);
      const entity = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>';
      expect(await post(entity, callbackSignature(PUSH_SECRET, entity))).to.equal(400);
      const huge = 'x'.repeat(5 * 1024 * 1024);
      expect(await post(huge, callbackSignature(PUSH_SECRET, huge))).to.equal(413);
      expect(received.batches).to.deep.equal([]);
    });
  });
}
