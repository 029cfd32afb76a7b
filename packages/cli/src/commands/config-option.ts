import type { ConnectorConfig } from '@tvox-connector/core';
import { channelIssues } from '../assembly/channel-plugins.js';
import { loadConnectorConfig } from '../config/load-config.js';

/** The `--config` option every command that reads the configuration takes. */
export const CONFIG_OPTION = {
  flags: '-c, --config <file>',
  description: 'YAML configuration file (default: $TVOX_CONNECTOR_CONFIG; env vars override it)',
} as const;

/** The configuration named by `--config` or `TVOX_CONNECTOR_CONFIG`, with the environment applied. */
export function configFrom(options: { config?: string }): Promise<ConnectorConfig> {
  const file = options.config ?? process.env.TVOX_CONNECTOR_CONFIG;
  return loadConnectorConfig({
    ...(file === undefined ? {} : { file }),
    env: process.env,
    check: (written) => channelIssues(written),
  });
}
