import { RemoteRejectedError, TransportCallError, UnknownSessionError } from '@tvox-connector/core';
import { expect } from 'chai';
import { serveEndpoints } from '../serve-endpoints.js';
import { expectRejection } from '../wait.js';
import { message, openRequest } from './fixtures.js';
import type { TransportHarness } from './harness.js';

/**
 * Failures: TVox's refusals as typed rejections that are not retried; wrong credentials; time-outs,
 * outages and an unreachable TVox as retryable call failures.
 */
export function failureSpecs(h: TransportHarness): void {
  describe('failures', () => {
    it('turns result FAILED into a RemoteRejectedError that is not retried', async () => {
      const transport = await h.poller();
      const error = await expectRejection(
        transport.openSession(openRequest('f', 'NO-SUCH-SERVICE')),
      );
      expect(error).to.be.instanceOf(RemoteRejectedError);
      expect(error).to.include({
        remoteCode: 'UNKNOWN_SERVICE',
        meaning: 'unknown-service',
        retryable: false,
        code: 'TVOX_ERR_REMOTE_REJECTED',
      });
    });

    it('turns UNKNOWN_SESSION into an UnknownSessionError naming the session', async () => {
      const transport = await h.poller();
      const error = await expectRejection(
        transport.sendMessage({ session: { id: 'gone' }, message: message('m', 'hi') }),
      );
      expect(error).to.be.instanceOf(UnknownSessionError);
      expect(error).to.include({ sessionId: 'gone', code: 'TVOX_ERR_UNKNOWN_SESSION' });
    });

    it('refuses a message to a closed session with SESSION_CLOSED', async () => {
      const transport = await h.poller();
      const { sessionId } = await h.open(transport);
      await transport.closeSession({ session: { id: sessionId } });
      const error = await expectRejection(
        transport.sendMessage({
          session: { id: sessionId },
          message: message('late', 'still there?'),
        }),
      );
      expect(error).to.be.instanceOf(RemoteRejectedError);
      expect(error).to.include({ remoteCode: 'SESSION_CLOSED', meaning: 'session-closed' });
    });

    it('fails on wrong credentials with a TransportCallError 401 that is not retried', async () => {
      const transport = h.create(h.config('POLLER', 'wrong-password'));
      // start() may already fail on credentials (a description behind auth); either way, 401.
      const error = await expectRejection(
        transport.start().then(() => transport.getSessionStatus({ session: { id: 'x' } })),
      );
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ status: 401, retryable: false });
    });

    it('times out against an answer slower than its time-out, retryably', async () => {
      const transport = await h.make({
        ...h.config('POLLER', 'poller-password'),
        tvox: { ...h.config('POLLER', 'poller-password').tvox, timeoutMs: 300 },
      });
      await h.simulator.client.injectFaults({ latencyMs: 1_000 });
      const error = await expectRejection(transport.getSessionStatus({ session: { id: 'x' } }));
      await h.simulator.client.clearFaults();
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ kind: 'timeout', retryable: true });
    });

    it('fails retryably during an outage and works again once it ends', async () => {
      const transport = await h.poller();
      await h.simulator.client.injectFaults({ outage: { seconds: 0.5 } });
      const error = await expectRejection(h.open(transport));
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ retryable: true });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await h.open(transport)).status).to.equal('BOOKED');
    });

    it('fails to start, retryably, when TVox cannot be reached', async () => {
      const closed = await serveEndpoints([]);
      const url = closed.url;
      await closed.close();
      const transport = h.create({
        ...h.config('POLLER', 'poller-password'),
        tvox: { ...h.config('POLLER', 'poller-password').tvox, url },
      });
      const error = await expectRejection(transport.start());
      expect(error).to.be.instanceOf(TransportCallError);
      expect(error).to.include({ retryable: true });
    });
  });
}
