import { readYamlConfig } from '@tvox-connector/core';
import { SimulatorConfig } from './simulator-config.js';

/**
 * Reads a simulator configuration from a YAML file and validates it. Throws `ConfigError`
 * listing every problem, or with the YAML syntax error and its line.
 */
export function loadSimulatorConfig(file: string): Promise<SimulatorConfig> {
  return readYamlConfig(file, SimulatorConfig);
}
