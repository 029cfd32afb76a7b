#!/usr/bin/env node
// Builds and tests every project in examples/ as an outside team would have it: a copy in a
// temporary folder outside the repository, with our packages installed from `npm pack` tarballs
// (scripts/install-packed.mjs), then its own `npm run build` and `npm test`. Run it after
// `npm run build`; the examples' tests need what the repository's do (PostgreSQL at
// DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test).
//
//   node scripts/check-examples.mjs [example ...]     (all of examples/ by default)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(repository, 'examples');
/** What a copy leaves out: what the repository's own runs left in the folder. */
const LEFT_OUT = new Set(['node_modules', 'dist', 'package-lock.json']);

const named = process.argv.slice(2);
const projects = (
  named.length > 0
    ? named
    : readdirSync(examples).filter((name) => existsSync(join(examples, name, 'package.json')))
).map((name) => join(examples, basename(name)));

for (const project of projects) {
  const name = basename(project);
  const copy = join(mkdtempSync(join(tmpdir(), `tvox-example-${name}-`)), name);
  const started = Date.now();
  try {
    cpSync(project, copy, { recursive: true, filter: (path) => !LEFT_OUT.has(basename(path)) });
    const run = (command, args) =>
      execFileSync(command, args, { cwd: copy, stdio: 'inherit', env: process.env });
    console.log(`== examples/${name}: install from packed tarballs`);
    run(process.execPath, [join(repository, 'scripts', 'install-packed.mjs'), copy]);
    console.log(`== examples/${name}: build`);
    run('npm', ['run', 'build']);
    console.log(`== examples/${name}: test`);
    run('npm', ['test']);
    console.log(`examples/${name} passed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}
