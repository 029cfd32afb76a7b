#!/usr/bin/env node
// `npm start`: runs the connector with the simulator and the web chat on embedded defaults, once
// the packages that make it up exist. Until then it says which ones are missing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const needed = {
  'packages/cli': 'the tvox-connector command that assembles everything',
  'packages/simulator': 'the TVox simulator and agent console',
  'adapters/webchat': 'the web chat channel',
};
const missing = Object.entries(needed).filter(
  ([dir]) => !existsSync(join(root, dir, 'package.json')),
);

console.error('npm start cannot run the connector yet. Missing packages:');
for (const [dir, what] of missing) console.error(`  - ${dir}: ${what}`);
console.error('Meanwhile the TVox simulator and its agent console run on their own:');
console.error(
  '  npm run build && node packages/simulator/dist/bin.js --config packages/simulator/demo.yaml',
);
process.exit(1);
