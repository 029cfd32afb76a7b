#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isTvoxError } from '@tvox-connector/core';
import { defaultAdapterDirectory } from './adapter-layout.js';
import { nextSteps } from './next-steps.js';
import { scaffoldAdapter } from './scaffold-adapter.js';
import type { AdapterLayout } from './adapter-layout.js';

const USAGE = `Usage: create-tvox-adapter <name> [--directory <folder>] [--package-name <name>] [--layout standalone|workspace]

Scaffolds a channel adapter package in ./<name> (or <folder>): webhook/verify.ts,
webhook/parse.ts, api/<name>-client.ts, settings, module and factory, README, and a spec running
the adapter conformance suite, red until the network's logic is written.

  -d, --directory <folder>   where to write it (default ./<name>; adapters/<name> in the
                             tvox-connector repository)
  -p, --package-name <name>  its npm name, scoped or not (default tvox-connector-adapter-<name>;
                             @tvox-connector/adapter-<name> in the repository)
  --layout <layout>          standalone: its own tsconfig, scripts, lint and format, depending on
                             the published packages; workspace: a package of the repository.
                             Default: workspace inside the repository, standalone elsewhere.`;

const OPTIONS = {
  directory: { type: 'string', short: 'd' },
  'package-name': { type: 'string', short: 'p' },
  layout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // An unknown or incomplete option is a usage error.
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [name] = positionals;
  if (values.help === true || name === undefined || positionals.length > 1) {
    console.log(USAGE);
    return values.help === true ? 0 : 2;
  }
  const result = await scaffoldAdapter({
    name,
    directory: values.directory ?? defaultAdapterDirectory(name, process.cwd()),
    ...(values['package-name'] === undefined ? {} : { packageName: values['package-name'] }),
    // Checked by scaffoldAdapter, with the other options.
    ...(values.layout === undefined ? {} : { layout: values.layout as AdapterLayout }),
  });
  console.log(`Created ${result.packageName} (${result.layout}) in ${result.directory}:`);
  for (const file of result.files) console.log(`  ${file}`);
  console.log(['', ...nextSteps(result, process.cwd())].join('\n'));
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
