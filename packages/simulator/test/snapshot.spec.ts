import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startSimulator, type SimulatorOptions } from '@tvox-connector/simulator';
import { RestConnector } from './support/rest-connector';

describe('simulator snapshot', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tvox-sim-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps sessions, event streams and idempotency answers across a restart', async () => {
    const options: SimulatorOptions = {
      port: 0,
      snapshotFile: join(folder, 'state.json'),
      services: [{ code: 'SUPPORT', offerTimeoutMs: 60_000 }],
      agents: [{ code: 'a1', name: 'Giulia' }],
      connectors: [{ code: 'C1' }],
    };
    const first = await startSimulator(options);
    await first.client.login('a1');
    const connector = new RestConnector(first.url, 'C1');
    const opened = await connector.open('u1');
    const sessionId = opened.sessionId!;
    await connector.send(sessionId, 'm1', 'still there?');
    await first.client.accept('a1', sessionId);
    await first.stop();

    const second = await startSimulator(options);
    try {
      const again = new RestConnector(second.url, 'C1');
      const ledger = await second.client.session(sessionId);
      expect(ledger.status).to.equal('ASSIGNED');
      expect(ledger.transcript.map((t) => t.text)).to.deep.equal(['still there?']);
      expect((await again.poll()).lastSequence).to.equal(3);
      await second.client.reply('a1', sessionId, { text: 'yes' });
      expect((await again.poll(3)).events?.map((e) => e.sequence)).to.deep.equal([4]);
      // The retry of the first openSession still gets the first answer.
      const retried = await again.call('POST', '/sessions', {
        connectorCode: 'C1',
        serviceCode: 'SUPPORT',
        requestId: 'req-u1-1',
        contact: { id: 'u1', channel: 'telegram', displayName: 'Anna Rossi' },
        channelSessionId: 'chat-u1',
      });
      expect(retried.body).to.deep.equal(opened);
    } finally {
      await second.stop();
    }
  });
});
