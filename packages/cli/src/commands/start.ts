import type { Command } from 'commander';
import { startConnector } from '../assembly/connector.js';
import { createLogger } from '../observability/logger.js';
import { CONFIG_OPTION, configFolder, configFrom } from './config-option.js';
import { stopSignal } from './stop-signal.js';

/** `tvox-connector start`: runs the connector until SIGINT or SIGTERM. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the connector: channels, relay and TVox transport, as the config says')
    .option(CONFIG_OPTION.flags, CONFIG_OPTION.description)
    .action(async (options: { config?: string }) => {
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
      lines.push(
        `  health: ${connector.publicUrl}/readyz  metrics: ${connector.publicUrl}/metrics`,
      );
      process.stderr.write(`${lines.join('\n')}\n`);
      await stopSignal();
      await connector.stop();
      logger.flush();
    });
}
