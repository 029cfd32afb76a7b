import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { eventually } from '@tvox-connector/testkit';
import { request } from 'undici';

const CHATS = 12;
const MESSAGES_PER_CHAT = 15;
const CRASHES = 4;

/** A connector process and the URL of its webhook. */
interface Connector {
  readonly child: ChildProcess;
  readonly url: string;
}

function startConnector(simulatorUrl: string, database: string): Promise<Connector> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', join(__dirname, 'fixtures', 'connector-process.ts')],
    {
      env: {
        ...process.env,
        SIMULATOR_URL: simulatorUrl,
        DATABASE: database,
        TS_NODE_TRANSPILE_ONLY: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => {
      reject(new Error(`connector exited with ${code} before it was ready`));
    });
  });
}

/** Posts one update; true when the connector answered 2xx (it then owns the message). */
async function deliver(url: string, chat: string, index: number): Promise<boolean> {
  try {
    const response = await request(`${url}/webhooks/fake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fake-token': 'fake-token' },
      body: JSON.stringify({
        id: `${chat}-${index}`,
        chat,
        from: `u-${chat}`,
        text: `${chat} message ${index}`,
      }),
    });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300;
  } catch {
    return false;
  }
}

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
    let connector = await startConnector(simulator.url, database);

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
        connector = await startConnector(simulator.url, database);
      } else {
        await Promise.all(sending);
      }
    }

    const received = async (): Promise<Map<string, string[]>> => {
      const sessions = await simulator.client.sessions({ connector: 'CONN' });
      const byChat = new Map<string, string[]>();
      for (const session of sessions) {
        const texts = session.transcript
          .filter((t) => t.from === 'customer')
          .map((t) => t.text ?? '');
        byChat.set(session.channelSessionId, [
          ...(byChat.get(session.channelSessionId) ?? []),
          ...texts,
        ]);
      }
      return byChat;
    };
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
