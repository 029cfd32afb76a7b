import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RunningSimulator } from '@tvox-connector/simulator';
import { request } from 'undici';

/** A connector process (`test/fixtures/connector-process.ts`) and the URL of its webhook. */
export interface ConnectorProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * Starts a connector in its own process against the simulator at `simulatorUrl`; `env` picks its
 * store (see the fixture). Resolves once it accepts webhooks.
 */
export function startConnector(
  simulatorUrl: string,
  env: Readonly<Record<string, string>>,
): Promise<ConnectorProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', join(__dirname, '..', 'fixtures', 'connector-process.ts')],
    {
      env: {
        ...process.env,
        ...env,
        SIMULATOR_URL: simulatorUrl,
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

/** Kills a connector's process with SIGKILL (`kill -9`) and resolves once it is gone. */
export function killConnector(connector: { readonly child: ChildProcess }): Promise<void> {
  return new Promise((resolve) => {
    if (connector.child.exitCode !== null || connector.child.signalCode !== null) {
      resolve();
      return;
    }
    connector.child.once('exit', () => {
      resolve();
    });
    connector.child.kill('SIGKILL');
  });
}

/** The text of message `index` of `chat`, as the fake network sends it. */
export function messageText(chat: string, index: number): string {
  return `${chat} message ${index}`;
}

/** Posts one update of the fake network; true when the connector answered 2xx (it then owns it). */
export async function deliver(url: string, chat: string, index: number): Promise<boolean> {
  try {
    const response = await request(`${url}/webhooks/fake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fake-token': 'fake-token' },
      body: JSON.stringify({
        id: `${chat}-${index}`,
        chat,
        from: `u-${chat}`,
        text: messageText(chat, index),
      }),
    });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300;
  } catch {
    return false;
  }
}

/** One customer message as the simulator received it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly text: string;
}

/**
 * What the simulator received from the customers of connector `CONN`, per chat (the channel
 * session id), in the order received, across all of the chat's sessions.
 */
export async function customerMessages(
  simulator: RunningSimulator,
): Promise<Map<string, ReceivedMessage[]>> {
  const sessions = await simulator.client.sessions({ connector: 'CONN' });
  const byChat = new Map<string, ReceivedMessage[]>();
  for (const session of sessions) {
    const received = session.transcript
      .filter((t) => t.from === 'customer')
      .map((t) => ({ messageId: t.messageId, text: t.text ?? '' }));
    byChat.set(session.channelSessionId, [
      ...(byChat.get(session.channelSessionId) ?? []),
      ...received,
    ]);
  }
  return byChat;
}

/** The texts of {@link customerMessages}, per chat. */
export async function customerTexts(simulator: RunningSimulator): Promise<Map<string, string[]>> {
  const byChat = await customerMessages(simulator);
  return new Map([...byChat].map(([chat, messages]) => [chat, messages.map((m) => m.text)]));
}
