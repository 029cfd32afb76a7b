import type { ConnectorConfig } from '@tvox-connector/core';
import { channelIssues } from '../assembly/channels.js';
import { configDirectory, loadConnectorConfig } from '../config/load-config.js';

/** The `--config` option every command that reads the configuration takes. */
export const CONFIG_OPTION = {
  flags: '-c, --config <file>',
  description: 'YAML configuration file (default: $TVOX_CONNECTOR_CONFIG; env vars override it)',
} as const;

/** The configuration named by `--config` or `TVOX_CONNECTOR_CONFIG`, with the environment applied. */
export function configFrom(options: { config?: string }): Promise<ConnectorConfig> {
  const file = configFile(options);
  return loadConnectorConfig({
    ...(file === undefined ? {} : { file }),
    env: process.env,
    check: (written, directory) => channelIssues(written, directory),
  });
}

/** The configuration file `--config` or `TVOX_CONNECTOR_CONFIG` names, if any. */
function configFile(options: { config?: string }): string | undefined {
  return options.config ?? process.env.TVOX_CONNECTOR_CONFIG;
}

/** The folder adapter packages of the configuration are looked for from. */
export function configFolder(options: { config?: string }): string {
  return configDirectory(configFile(options));
}
