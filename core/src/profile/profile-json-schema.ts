import { z } from 'zod';
import { ContractProfile } from './profile-schema.js';

/**
 * The JSON Schema of contract profiles, generated from the zod schema (the single source of
 * truth) for editors: YAML files that start with
 * `# yaml-language-server: $schema=<path>/profile.schema.json` get completion and checks. The
 * package ships it as `profiles/profile.schema.json`; a test keeps the file in step.
 */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ContractProfile, { io: 'input' }),
    title: 'tvox-connector contract profile',
    description:
      'Binds the connector commands to one TVox release: operations, request and answer fields, ' +
      'failure codes, event kinds and REST bindings. See docs/profiles.md.',
  };
}
