import { z } from 'zod';
import { ConnectorConfig } from './connector-config.js';

/**
 * The JSON Schema of the connector configuration, generated from the zod schema (the single
 * source of truth) for editors: a YAML file that starts with
 * `# yaml-language-server: $schema=<path>/connector.schema.json` gets completion and checks.
 * A channel's `settings` are its adapter package's, and the schema leaves them open. The CLI
 * package ships it as `config/connector.schema.json`; a test keeps the file in step.
 */
export function connectorConfigJsonSchema(): Record<string, unknown> {
  return {
    // What JSON Schema cannot say (a section's default kind, checks across settings) the
    // connector still checks when it reads the file.
    ...z.toJSONSchema(ConnectorConfig, { io: 'input', unrepresentable: 'any' }),
    title: 'tvox-connector configuration',
    description:
      'The connector: TVox and its transport, the channels and their adapters, the store, the ' +
      'relay, the server, notices and logs. See the README of @tvox-connector/cli.',
  };
}
