#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isTvoxError } from '@tvox-connector/core';
import { scaffoldAdapter } from './scaffold-adapter.js';

const USAGE = `Usage: create-tvox-adapter <name> [--directory <folder>]

Scaffolds the channel adapter package @tvox-connector/adapter-<name> in ./adapters/<name> (or <folder>):
webhook/verify.ts, webhook/parse.ts, api/<name>-client.ts, settings, module and factory, README,
and a spec running the adapter conformance suite, red until the network's logic is written.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { directory: { type: 'string', short: 'd' }, help: { type: 'boolean', short: 'h' } },
  });
  const [name] = positionals;
  if (values.help === true || name === undefined || positionals.length > 1) {
    console.log(USAGE);
    return values.help === true ? 0 : 2;
  }
  const directory = values.directory ?? join('adapters', name);
  const result = await scaffoldAdapter({ name, directory });
  console.log(`Created @tvox-connector/adapter-${name} in ${result.directory}:`);
  for (const file of result.files) console.log(`  ${file}`);
  console.log(
    `\nNext: add it to the root tsconfig.json references, run npm install, then npm test:\n` +
      `its conformance suite fails with TVOX_ERR_NOT_IMPLEMENTED, step by step, until the\n` +
      `network's logic is written (docs/writing-an-adapter.md).`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isTvoxError(error) ? error.message : error);
    process.exitCode = 1;
  },
);
