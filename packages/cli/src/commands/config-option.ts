import type { ConnectorConfig } from '@tvox-connector/core';
import { configDirectory } from '../config/config-directory.js';

/** The `--config` option every command that reads the configuration takes. */
export const CONFIG_OPTION = {
  flags: '-c, --config <file>',
  description: 'YAML configuration file (default: $TVOX_CONNECTOR_CONFIG; env vars override it)',
} as const;

/**
 * The configuration named by `--config` or `TVOX_CONNECTOR_CONFIG`, with the environment applied.
 * What reads it is loaded only then, so that `--help` loads none of it.
 */
export async function configFrom(options: { config?: string }): Promise<ConnectorConfig> {
  const [{ loadConnectorConfig }, { channelIssues }] = await Promise.all([
    import('../config/load-config.js'),
    import('../assembly/channels.js'),
  ]);
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
