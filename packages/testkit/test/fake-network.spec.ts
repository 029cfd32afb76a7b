import { startFakeNetwork } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';

describe('the fake network', () => {
  it('records how it answered each call, so that a view can tell sent from failed', async () => {
    const network = await startFakeNetwork({
      routes: [
        { method: 'POST', path: /\/send/, reply: () => ({ status: 200, body: { ok: true } }) },
      ],
      fault: (fault) => ({ status: fault.kind === 'rate-limited' ? 429 : 500, body: 'no' }),
    });
    try {
      network.failNext({ kind: 'pass' }, { kind: 'rate-limited', retryAfterSeconds: 1 });
      for (let i = 0; i < 3; i++) {
        const answer = await request(`${network.url}/send`, { method: 'POST', body: `${i}` });
        await answer.body.dump();
      }
      const missing = await request(`${network.url}/nowhere`);
      await missing.body.dump();
      expect(network.calls.map((call) => call.answered)).to.deep.equal([
        { status: 200 },
        { status: 429, fault: 'rate-limited' },
        { status: 200 },
        { status: 404 },
      ]);
    } finally {
      await network.close();
    }
  });
});
