import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectorConfigJsonSchema } from '@tvox-connector/core';
import { expect } from 'chai';

const CONFIG_DIR = join(__dirname, '..', 'config');

describe('the configuration’s JSON Schema, for editors', () => {
  it('is shipped as generated from the zod schema (npm run schemas writes it)', () => {
    const shipped = JSON.parse(
      readFileSync(join(CONFIG_DIR, 'connector.schema.json'), 'utf8'),
    ) as unknown;
    expect(shipped).to.deep.equal(connectorConfigJsonSchema());
  });

  it('is named by the shipped example, and refuses keys it does not know, as the connector does', () => {
    const demo = readFileSync(join(CONFIG_DIR, 'demo.yaml'), 'utf8');
    expect(demo.split('\n')[0]).to.equal('# yaml-language-server: $schema=./connector.schema.json');
    const schema = connectorConfigJsonSchema() as {
      additionalProperties?: unknown;
      properties: Record<string, { additionalProperties?: unknown }>;
    };
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.properties.tvox?.additionalProperties).to.equal(false);
  });
});
