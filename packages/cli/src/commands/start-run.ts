import { startConnector } from '../assembly/connector.js';
import { createLogger } from '../observability/logger.js';
import { configFolder, configFrom } from './config-option.js';
import { stopSignal } from './stop-signal.js';

/** The action of the command start (loaded when the command runs). */
export async function runStart(options: { config?: string }): Promise<void> {
  const config = await configFrom(options);
  const logger = createLogger({ level: config.log.level });
  const connector = await startConnector(config, {
    logger,
    directory: configFolder(options),
  });
  const lines = [`tvox-connector listening on ${connector.publicUrl}`];
  for (const [channel, pages] of Object.entries(connector.pages)) {
    for (const [name, url] of Object.entries(pages)) lines.push(`  ${channel} ${name}: ${url}`);
  }
  lines.push(`  health: ${connector.publicUrl}/readyz  metrics: ${connector.publicUrl}/metrics`);
  process.stderr.write(`${lines.join('\n')}\n`);
  await stopSignal();
  await connector.stop();
  logger.flush();
}
