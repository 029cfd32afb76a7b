#!/usr/bin/env node
// Writes the JSON Schemas generated from the zod schemas into the packages that ship them, for
// editors. Run after a build (`npm run schemas`); a test fails while a file is out of date.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = createRequire(import.meta.url)(join(root, 'core'));
const schemas = [
  [join(root, 'core', 'profiles', 'profile.schema.json'), core.profileJsonSchema()],
  [
    join(root, 'packages', 'cli', 'config', 'connector.schema.json'),
    core.connectorConfigJsonSchema(),
  ],
];
for (const [file, schema] of schemas) {
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
