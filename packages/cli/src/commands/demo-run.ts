import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSimulatorConfig, startSimulator } from '@tvox-connector/simulator';
import { channelIssues } from '../assembly/channels.js';
import { startConnector } from '../assembly/connector.js';
import { loadConnectorConfig } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';
import { stopSignal } from './stop-signal.js';

/** The connector configuration of the demo, shipped with this package. */
const DEMO_CONFIG = join(__dirname, '..', '..', 'config', 'demo.yaml');

/** The simulator's demo contact center: a support service, two agents, the demo account. */
const DEMO_SIMULATOR = require.resolve('@tvox-connector/simulator/demo.yaml');

/** The command's options, as commander parses them. */
export interface DemoOptions {
  readonly transport?: 'rest' | 'soap';
  readonly port: string;
  readonly simulatorPort: string;
  readonly data: string;
}

/** The web chat's signing secret: kept in the data folder so visitors keep their chats. */
async function webchatSecret(data: string): Promise<string> {
  const file = join(data, 'webchat-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('hex');
    await mkdir(data, { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/**
 * `tvox-connector demo`: the TVox simulator (a support service, two agents) and a connector with
 * the web chat in one process, so a person can chat with themselves as customer and agent.
 */
/** The action of the command demo (loaded when the command runs). */
export async function runDemo(options: DemoOptions): Promise<void> {
  const env = {
    ...process.env,
    SIMULATOR_PORT: options.simulatorPort,
    DATA_DIR: options.data,
    TVOX_WEBCHAT_SECRET: process.env.TVOX_WEBCHAT_SECRET ?? (await webchatSecret(options.data)),
    TVOX_CONNECTOR_SERVER__PORT: process.env.TVOX_CONNECTOR_SERVER__PORT ?? options.port,
    ...(options.transport ? { TVOX_CONNECTOR_TRANSPORT: options.transport } : {}),
  };
  const config = await loadConnectorConfig({
    file: DEMO_CONFIG,
    env,
    check: (written, directory) => channelIssues(written, directory),
  });
  const simulator = await startSimulator({
    ...(await loadSimulatorConfig(DEMO_SIMULATOR)),
    port: Number(options.simulatorPort),
    host: '127.0.0.1',
  });
  const connector = await startConnector(config, {
    logger: createLogger({ level: config.log.level }),
  }).catch(async (error: unknown) => {
    await simulator.stop();
    throw error;
  });
  const chat = connector.pages.webchat?.demo ?? `${connector.publicUrl}/channels/webchat/demo`;
  process.stdout.write(
    [
      `tvox-connector demo (${config.transport.toUpperCase()} transport) is running:`,
      `  customer chat page  ${chat}`,
      `  agent console       ${simulator.url}/console/  (log in as giulia or marco)`,
      'Write as the customer, accept the chat as the agent, reply. Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
  await stopSignal();
  await connector.stop();
  await simulator.stop();
  process.stdout.write('demo stopped\n');
}
