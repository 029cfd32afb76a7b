import { readFile } from 'node:fs/promises';
import { ConfigError, validate } from '@tvox-connector/core';
import { parse } from 'yaml';
import { SimulatorConfig } from './simulator-config.js';

/**
 * Reads a simulator configuration from a YAML file and validates it. Throws `ConfigError`
 * listing every problem, or with the YAML syntax error and its line.
 */
export async function loadSimulatorConfig(file: string): Promise<SimulatorConfig> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      [{ path: '', message: `cannot read ${file}: ${(error as Error).message}` }],
      { cause: error },
    );
  }
  const result = validate(SimulatorConfig, raw ?? {});
  if (!result.ok) throw new ConfigError(result.issues);
  return result.value;
}
