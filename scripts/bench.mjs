#!/usr/bin/env node
// Runs every benchmark in bench/ (files named *.bench.ts), one after the other, after a build.
// Each benchmark prints its own scenarios with their ratio to a floor measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const files = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((name) => name.endsWith('.bench.ts'))
      .sort()
  : [];

if (files.length === 0) {
  console.log('no benchmarks yet: add bench/<name>.bench.ts to create one');
  process.exit(0);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

for (const file of files) {
  console.log(`\n# ${file}`);
  const run = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'reflect-metadata', join(benchDir, file)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.check.json') },
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
