import { NetworkApiError, SendReceipt } from '@tvox-connector/core';
import { expect } from 'chai';
import { expectRejection } from '../wait.js';
import type { AdapterHarness } from './harness.js';
import type { ConformanceNetwork } from './options.js';

/** Sends: success with the network's ids, and each kind of failure as a typed error. */
export function outboundSpecs<N extends ConformanceNetwork>(h: AdapterHarness<N>): void {
  describe('outbound sends', () => {
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
        h
          .delivered()
          .filter((d) => d.kind === 'text')
          .map((d) => d.text),
      ).to.deep.equal(['after the failure']);
    };

    it('delivers a text and returns the network ids of what it sent', async () => {
      const receipt = await h.adapter.send(h.message({ text: 'Hello <b>&</b> *welcome*' }));
      expect(() => SendReceipt.parse(receipt)).to.not.throw();
      expect(receipt.networkMessageIds).to.have.length.greaterThan(0);
      expect(h.delivered()).to.deep.equal([
        { kind: 'text', text: 'Hello <b>&</b> *welcome*', quickReplies: [] },
      ]);
    });

    it('turns a rate limit into a retryable NetworkApiError carrying the retry-after', async () => {
      h.network.failNext({ kind: 'rate-limited', retryAfterSeconds: 7 });
      const error = await sendFails();
      expect(error).to.include({ retryable: true, retryAfterMs: 7_000, status: 429 });
      await sendsAgain();
    });

    it('turns a 5xx into a retryable NetworkApiError with the status', async () => {
      h.network.failNext({ kind: 'server-error', status: 502 });
      const error = await sendFails();
      expect(error).to.include({ retryable: true, status: 502 });
      await sendsAgain();
    });

    it('turns a permanent refusal into a NetworkApiError that is not retried', async () => {
      h.network.failNext({ kind: 'refused' });
      const error = await sendFails();
      expect(error.retryable).to.equal(false);
      expect(error.message).to.match(/will not be retried/);
      await sendsAgain();
    });

    it('fails retryably, without a status, when the network cannot be reached', async () => {
      await h.network.close();
      const error = await sendFails();
      expect(error).to.include({ retryable: true, status: undefined });
    });
  });
}
