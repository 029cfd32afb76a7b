import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { customerTexts, deliver, startConnector } from './support/connector-processes';

const CHATS = 12;
const MESSAGES_PER_CHAT = 15;
const CRASHES = 4;

describe('relay crash safety (kill -9)', function () {
  this.timeout(120_000);
  let simulator: RunningSimulator;
  let folder: string;

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      connectors: [{ code: 'CONN', password: 'conn-password' }],
    });
    folder = mkdtempSync(join(tmpdir(), 'tvox-crash-'));
  });

  after(async () => {
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loses nothing it acknowledged and doubles nothing, in order per conversation, across kills', async () => {
    const database = join(folder, 'connector.db');
    const acknowledged = new Set<string>();
    const next = new Map<string, number>(Array.from({ length: CHATS }, (_, i) => [`chat${i}`, 0]));
    let connector = await startConnector(simulator.url, { DATABASE: database });

    for (let round = 0; round <= CRASHES; round++) {
      // Every conversation sends its next messages in order, as a network does: a message that
      // got no 2xx is sent again before the next one.
      const sending = [...next.keys()].map(async (chat) => {
        for (;;) {
          const index = next.get(chat) ?? 0;
          if (index >= MESSAGES_PER_CHAT) return;
          if (!(await deliver(connector.url, chat, index))) return;
          acknowledged.add(`${chat}-${index}`);
          next.set(chat, index + 1);
        }
      });
      if (round < CRASHES) {
        await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 400));
        connector.child.kill('SIGKILL');
        await Promise.all(sending);
        connector = await startConnector(simulator.url, { DATABASE: database });
      } else {
        await Promise.all(sending);
      }
    }

    const received = (): Promise<Map<string, string[]>> => customerTexts(simulator);
    await eventually(
      async () => [...(await received()).values()].flat().length === CHATS * MESSAGES_PER_CHAT,
      60_000,
    );
    connector.child.kill('SIGKILL');

    const byChat = await received();
    expect(acknowledged.size).to.equal(CHATS * MESSAGES_PER_CHAT);
    for (const chat of next.keys()) {
      expect(byChat.get(chat), chat).to.deep.equal(
        Array.from({ length: MESSAGES_PER_CHAT }, (_, i) => `${chat} message ${i}`),
      );
    }
    const sessions = await simulator.client.sessions({ connector: 'CONN' });
    expect(sessions, 'one session per conversation').to.have.length(CHATS);
  });
});
