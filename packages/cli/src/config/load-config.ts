import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import {
  ConfigError,
  isConfigError,
  SHIPPED_PROFILES,
  parseConnectorConfig,
  withChannelIds,
  type ConnectorConfig,
  type ValidationIssue,
} from '@tvox-connector/core';
import { parse } from 'yaml';
import { configDirectory } from './config-directory.js';
import { environmentOverrides, interpolateEnvironment, withVariableNames } from './environment.js';

/** Where {@link loadConnectorConfig} reads from. */
export interface ConfigSource {
  /** A YAML file; without it, the configuration comes from the environment alone. */
  readonly file?: string;
  /** The environment (`process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Further checks of the configuration as written (the channels' own settings), run even when
   * core's schema finds problems, so that one error lists them all. `directory` is the
   * configuration file's folder (the working folder without a file), where paths in it start.
   */
  readonly check?: (config: unknown, directory: string) => readonly ValidationIssue[];
}

/**
 * The connector configuration: the YAML file with `${VAR}` references resolved from the
 * environment, then `TVOX_CONNECTOR_*` variables applied over it, then validated with defaults
 * filled in, and checked by `source.check`. Throws one `ConfigError` listing every problem.
 */
export async function loadConnectorConfig(source: ConfigSource): Promise<ConnectorConfig> {
  const fromFile = source.file === undefined ? {} : await readYaml(source.file);
  const { config: written, variables } = environmentOverrides(
    interpolateEnvironment(fromFile, source.env),
    source.env,
  );
  const issues = [...(source.check?.(written, configDirectory(source.file)) ?? [])];
  try {
    const config = parseConnectorConfig(written);
    if (issues.length === 0) return withFilesBesideConfig(config, source.file);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    issues.unshift(...error.issues);
  }
  // Problems name channels by id: so must the settings the variables set.
  const byChannelId = new Map(
    [...variables].map(([path, name]) => [
      withChannelIds([{ path, message: '' }], written)[0]?.path ?? path,
      name,
    ]),
  );
  throw new ConfigError(withVariableNames(issues, byChannelId));
}

/**
 * A profile file or an adapter package named by a path relative to the configuration file is
 * read from beside it, wherever the connector is started from (a service manager's working
 * folder is often `/`).
 */
function withFilesBesideConfig(config: ConnectorConfig, file: string | undefined): ConnectorConfig {
  if (file === undefined) return config;
  const directory = configDirectory(file);
  const profile = config.tvox.profile;
  const besideProfile =
    profile === undefined ||
    isAbsolute(profile) ||
    (SHIPPED_PROFILES as readonly string[]).includes(profile)
      ? profile
      : resolve(directory, profile);
  return {
    ...config,
    tvox: { ...config.tvox, ...(besideProfile === undefined ? {} : { profile: besideProfile }) },
    channels: config.channels.map((channel) =>
      channel.adapter.startsWith('.')
        ? { ...channel, adapter: resolve(directory, channel.adapter) }
        : channel,
    ),
  };
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
