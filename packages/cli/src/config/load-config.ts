import { readFile } from 'node:fs/promises';
import { ConfigError, parseConnectorConfig, type ConnectorConfig } from '@tvox-connector/core';
import { parse } from 'yaml';
import { applyEnvironmentOverrides, interpolateEnvironment } from './environment.js';

/** Where {@link loadConnectorConfig} reads from. */
export interface ConfigSource {
  /** A YAML file; without it, the configuration comes from the environment alone. */
  readonly file?: string;
  /** The environment (`process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The connector configuration: the YAML file with `${VAR}` references resolved from the
 * environment, then `TVOX_CONNECTOR_*` variables applied over it, then validated with defaults
 * filled in. Throws one `ConfigError` listing every problem.
 */
export async function loadConnectorConfig(source: ConfigSource): Promise<ConnectorConfig> {
  const fromFile = source.file === undefined ? {} : await readYaml(source.file);
  const resolved = interpolateEnvironment(fromFile, source.env);
  return parseConnectorConfig(applyEnvironmentOverrides(resolved, source.env));
}

async function readYaml(file: string): Promise<unknown> {
  try {
    return parse(await readFile(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ConfigError(
      [{ path: '', message: `cannot read ${file}: ${(error as Error).message}` }],
      { cause: error },
    );
  }
}
