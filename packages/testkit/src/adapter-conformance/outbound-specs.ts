import { NetworkApiError, SendReceipt } from '@tvox-connector/core';
import { expect } from 'chai';
import { expectRejection } from '../wait.js';
import type { NetworkFault } from '../fake-network.js';
import type { AdapterHarness } from './harness.js';
import { ALL_FAULT_KINDS, type ConformanceNetwork, type Delivered } from './options.js';

/** A text as delivered, without quick replies. */
const text = (body: string): Delivered => ({ kind: 'text', text: body, quickReplies: [] });

/**
 * Sends: success with the network's ids, and each kind of failure the network can produce as a
 * typed error; without `unreachable`, a send to an absent customer held until they are back.
 */
export function outboundSpecs<N extends ConformanceNetwork>(h: AdapterHarness<N>): void {
  const faults = new Set(h.options.faults ?? ALL_FAULT_KINDS);
  describe('outbound sends', () => {
    const failNext = (fault: NetworkFault) => {
      const { network } = h;
      if (network.failNext === undefined)
        throw new Error(`options.faults lists "${fault.kind}", but the network has no failNext`);
      network.failNext(fault);
    };
    const sendFails = async () => {
      const error = await expectRejection(h.adapter.send(h.message({ text: 'will fail' })));
      if (!(error instanceof NetworkApiError)) throw error;
      return error;
    };
    /** After a failure, the next send goes through: the adapter holds no broken state. */
    const sendsAgain = async () => {
      const receipt = await h.adapter.send(h.message({ text: 'after the failure' }));
      expect(receipt.networkMessageIds.length).to.be.greaterThan(0);
      expect(
        (await h.delivered()).filter((d) => d.kind === 'text').map((d) => d.text),
      ).to.deep.equal(['after the failure']);
    };

    it('delivers a text and returns the network ids of what it sent', async () => {
      const receipt = await h.adapter.send(h.message({ text: 'Hello <b>&</b> *welcome*' }));
      expect(() => SendReceipt.parse(receipt)).to.not.throw();
      expect(receipt.networkMessageIds).to.have.length.greaterThan(0);
      expect(await h.delivered()).to.deep.equal([text('Hello <b>&</b> *welcome*')]);
    });

    if (faults.has('rate-limited'))
      it('turns a rate limit into a retryable NetworkApiError carrying the retry-after', async () => {
        failNext({ kind: 'rate-limited', retryAfterSeconds: 7 });
        const error = await sendFails();
        expect(error).to.include({ retryable: true, retryAfterMs: 7_000, status: 429 });
        await sendsAgain();
      });

    if (faults.has('server-error'))
      it('turns a 5xx into a retryable NetworkApiError with the status', async () => {
        failNext({ kind: 'server-error', status: 502 });
        const error = await sendFails();
        expect(error).to.include({ retryable: true, status: 502 });
        await sendsAgain();
      });

    if (faults.has('refused'))
      it('turns a permanent refusal into a NetworkApiError that is not retried', async () => {
        failNext({ kind: 'refused' });
        const error = await sendFails();
        expect(error.retryable).to.equal(false);
        expect(error.message).to.match(/will not be retried/);
        await sendsAgain();
      });

    if (faults.has('unreachable'))
      it('fails retryably, without a status, when the network cannot be reached', async () => {
        await h.network.close();
        const error = await sendFails();
        expect(error).to.include({ retryable: true, status: undefined });
      });
    else
      it('succeeds sending to a customer who is away, who gets it once back, each message once', async () => {
        const { network } = h;
        const customer = h.fixtures.conversationId;
        if (network.disconnect === undefined || network.reconnect === undefined)
          throw new Error(
            'options.faults leaves out "unreachable", but the network has no disconnect and reconnect',
          );
        await h.sendRecorded(h.message({ text: 'before you left' }));
        await network.disconnect(customer);
        const receipt = await h.sendRecorded(h.message({ text: 'while you were away' }));
        expect(() => SendReceipt.parse(receipt)).to.not.throw();
        expect(receipt.networkMessageIds).to.have.length.greaterThan(0);
        expect(await h.delivered()).to.deep.equal([text('before you left')]);
        await network.reconnect(customer);
        expect(await h.delivered()).to.deep.equal([
          text('before you left'),
          text('while you were away'),
        ]);
        await h.sendRecorded(h.message({ text: 'welcome back' }));
        expect(await h.delivered()).to.deep.equal([
          text('before you left'),
          text('while you were away'),
          text('welcome back'),
        ]);
      });
  });
}
